// The primitives everything else is measured against: X25519, Ed25519 and
// P-256 verification, SHA-256, with the Node host's suite and the portable
// suite, in the same run (DESIGN section 3: node:crypto vs pure JS).
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { compare } from '../measure';
import type { BenchOptions, BenchRow } from '../types';

export async function run({ quick }: BenchOptions): Promise<BenchRow[]> {
  const budget = quick ? 60 : 1500;
  const scalar = new Uint8Array(32).fill(7);
  const peer = portableSuite.x25519PublicKey(new Uint8Array(32).fill(9));
  const message = new Uint8Array(100).fill(1);
  const edKey = new Uint8Array(32).fill(3);
  const edSig = ed25519.sign(message, edKey);
  const edPub = ed25519.getPublicKey(edKey);
  const pKey = new Uint8Array(32).fill(5);
  const pSig = p256.sign(message, pKey, { prehash: true, format: 'compact' });
  const pPub = p256.getPublicKey(pKey, false);
  const mib = new Uint8Array(quick ? 64 * 1024 : 1024 * 1024);

  const rows: BenchRow[] = [];
  const pair = async (name: string, op: (s: CryptoSuite) => unknown): Promise<void> => {
    const r = await compare(() => op(nodeSuite), () => op(portableSuite), budget);
    rows.push({
      group: 'primitives (node)',
      name: `${name}: node suite`,
      value: r.a.opsPerSecond,
      unit: 'ops/s',
      baseline: 'portable suite',
      baselineValue: r.b.opsPerSecond,
      ratio: r.ratio,
    });
  };
  await pair('X25519', (s) => s.x25519(scalar, peer));
  await pair('Ed25519 verify', (s) => s.ed25519Verify(edSig, message, edPub));
  await pair('P-256 verify', (s) => s.p256Verify(pSig, message, pPub));
  await pair(`SHA-256 ${mib.length / 1024} KiB`, (s) => s.sha256(mib));
  return rows;
}
