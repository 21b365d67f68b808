// `tinydid doctor`: what this installation has, and a crypto self-test with the
// host's randomness (Ed25519 sign/verify, X25519 agreement, SHA-256).
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constantTimeEqual as bytesEqual } from '../../../firmware/bytes/equal';
import { toHex } from '../../../firmware/bytes/hex';
import { utf8Encode } from '../../../firmware/bytes/utf8';
import { randomBytes } from '../../../firmware/host/random';
import { nodeRandom } from '../../../hosts/node/random';
import { xsnapCacheDir } from '../../xs/build-xsnap';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { EXIT } from '../exit';

export const command: Command = {
  name: 'doctor',
  summary: 'check this installation: engines, vectors, crypto self-test',
  usage: 'usage: tinydid doctor\n\nPrints what this installation has and runs a crypto self-test. Exit 0 when all is well.',
  run(args, io) {
    parseFlags(args, {});
    const lines: string[] = [];
    let ok = true;
    const check = (label: string, good: boolean, detail: string): void => {
      ok &&= good;
      lines.push(`${good ? 'ok  ' : 'FAIL'} ${label.padEnd(22)} ${detail}`);
    };
    check('node', true, process.version);
    const xsnap = join(xsnapCacheDir(), 'xsnap');
    lines.push(`${'info'} ${'xs engine (xsnap)'.padEnd(22)} ${existsSync(xsnap) ? xsnap : 'not built yet (npm test builds it)'}`);

    const started = performance.now();
    const seed = randomBytes(nodeRandom, 32);
    const publicKey = ed25519.getPublicKey(seed);
    const message = utf8Encode('tinydid self-test');
    const signature = ed25519.sign(message, seed);
    const tampered = Uint8Array.from(message);
    tampered[0] ^= 1;
    check('ed25519', ed25519.verify(signature, message, publicKey) && !ed25519.verify(signature, tampered, publicKey), `public key ${toHex(publicKey).slice(0, 16)}...`);
    const a = randomBytes(nodeRandom, 32);
    const b = randomBytes(nodeRandom, 32);
    const shared = bytesEqual(x25519.getSharedSecret(a, x25519.getPublicKey(b)), x25519.getSharedSecret(b, x25519.getPublicKey(a)));
    check('x25519', shared, 'both sides derive the same secret');
    check('sha-256', toHex(sha256(utf8Encode('abc'))).startsWith('ba7816bf'), 'FIPS 180-2 "abc" vector');
    lines.push(`info ${'self-test time'.padEnd(22)} ${(performance.now() - started).toFixed(1)} ms`);
    io.stdout(`${lines.join('\n')}\n`);
    return ok ? EXIT.ok : EXIT.verdict;
  },
};
