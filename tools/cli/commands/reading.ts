// `tinydid reading sign|verify`: device-signed, hash-chained readings
// (firmware/credentials/reading.ts) on the command line.
import { fromHex } from '../../../firmware/bytes/hex';
import { constantTimeEqual } from '../../../firmware/bytes/equal';
import { utf8Decode, utf8Encode } from '../../../firmware/bytes/utf8';
import type { CborValue } from '../../../firmware/cbor/value';
import { keyStoreSigner, type VerifyKey } from '../../../firmware/credentials/keys';
import { CREDENTIAL_LIMITS } from '../../../firmware/credentials/limits';
import { ReadingSigner } from '../../../firmware/credentials/reading';
import { ReadingChainVerifier } from '../../../firmware/credentials/reading-verifier';
import { DATA_CLASSES, type DataClass } from '../../../firmware/credentials/scope';
import { parseSign1 } from '../../../firmware/credentials/sign1';
import { publicKeyOfMethod } from '../../../firmware/did/document';
import { shortKid } from '../../../firmware/didcomm/compact/key-id';
import { TinydidError } from '../../../firmware/errors/tinydid-error';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { openNodeKeyStore } from '../../../hosts/node/key-store';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit';
import { readInput } from '../input';
import { readDocuments, resolverFor } from '../didcomm-files';
import { writeBinary } from './status';

const USAGE = `usage: tinydid reading sign --store DIR --id ID --kid DIDURL --class CLASS
                           --value NUMBER|JSON [--full-kid] [--out FILE]
       tinydid reading verify --device DID [--resolve DOCS.json]... [--accept-gaps]
                           FILE...

sign    signs one reading with a device key store: the next number of the
        store's monotonic value "reading", the host clock's time, and the
        hash of the previous reading signed from this store (classes:
        ${DATA_CLASSES.join(', ')}); kid is the short id of --kid unless
        --full-kid. Binary to stdout or --out.
verify  checks readings of the device --device in the order given: each FILE
        holds one reading (binary or hex), or several as hex lines. The key
        is the verification method of --device the readings name (kid: its
        DID URL or short id). Prints one JSON line per reading. Stops with exit 1
        at a forged (reading.bad-signature), missing (reading.gap),
        reordered (reading.reordered) or unchained (reading.broken-chain)
        reading; --accept-gaps reports gaps and goes on.`;

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && constantTimeEqual(a, b);
}

function isHexText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    const ok = (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) || b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09;
    if (!ok) return false;
  }
  return bytes.length > 0;
}

function readingsIn(file: string): Uint8Array[] {
  const raw = readInput(file);
  if (!isHexText(raw)) return [raw];
  return utf8Decode(raw).split(/\r?\n/).map((l) => l.replace(/\s+/g, '')).filter((l) => l.length > 0).map((l) => fromHex(l));
}

function jsonValue(value: CborValue): unknown {
  return value instanceof Uint8Array ? { bytes: Buffer.from(value).toString('hex') } : value instanceof Map ? Object.fromEntries([...value].map(([k, v]) => [String(k), jsonValue(v)])) : Array.isArray(value) ? value.map(jsonValue) : value;
}

export const command: Command = {
  name: 'reading',
  summary: 'sign a reading with a device key store, or verify a chain of signed readings',
  usage: USAGE,
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      store: { type: 'string' },
      id: { type: 'string' },
      kid: { type: 'string' },
      class: { type: 'string' },
      value: { type: 'string' },
      out: { type: 'string' },
      device: { type: 'string' },
      resolve: { type: 'string', multiple: true },
      'accept-gaps': { type: 'boolean', default: false },
      'full-kid': { type: 'boolean', default: false },
    });
    const [sub, ...files] = positionals;
    if (sub === 'sign') {
      if (files.length !== 0) throw new UsageError('reading sign takes no positional arguments');
      if (values.store === undefined || values.id === undefined || values.kid === undefined) throw new UsageError('--store DIR, --id ID and --kid DIDURL are required');
      if (values.class === undefined || !(DATA_CLASSES as readonly string[]).includes(values.class)) throw new UsageError(`--class is one of ${DATA_CLASSES.join(', ')}`);
      if (values.value === undefined) throw new UsageError('--value is required');
      let value: CborValue;
      try {
        value = JSON.parse(values.value) as CborValue;
      } catch {
        throw new UsageError('--value must be a number or JSON');
      }
      const { store, kv } = openNodeKeyStore({ dir: values.store });
      const signer = new ReadingSigner({
        signer: keyStoreSigner(store, values.id, values.kid),
        monotonic: store.monotonic(),
        kv,
        suite: nodeSuite,
        time: { now: () => Math.floor(Date.now() / 1000) },
        kid: values['full-kid'] ? 'full' : 'short',
      });
      writeBinary(signer.sign(values.class as DataClass, value), values.out, io);
      return EXIT.ok;
    }
    if (sub !== 'verify') throw new UsageError('expected: tinydid reading sign ... | tinydid reading verify ...');
    if (values.device === undefined) throw new UsageError('--device DID is required');
    if (files.length === 0) throw new UsageError('give at least one FILE of readings');
    const readings = files.flatMap(readingsIn);
    const resolver = resolverFor(readDocuments(values.resolve ?? []));
    let verifier: ReadingChainVerifier | undefined;
    for (const bytes of readings) {
      if (verifier === undefined) {
        // The kid is the device's DID URL or its short id (PROFILE.md section 3.1).
        const named = parseSign1(bytes, CREDENTIAL_LIMITS.maxReadingBytes, 'reading.malformed').kidBytes;
        const doc = resolver.resolve(values.device);
        const vm = named === undefined ? undefined : doc.verificationMethod.find((m) => equalBytes(named, utf8Encode(m.id)) || equalBytes(named, shortKid(m.id, nodeSuite)));
        if (vm === undefined) throw new TinydidError('reading.bad-signature', `the reading names no key of ${values.device}`);
        const key: VerifyKey = publicKeyOfMethod(vm);
        verifier = new ReadingChainVerifier({ key, kid: vm.id, suite: nodeSuite });
      }
      const { reading, missing } = verifier.accept(bytes, { acceptGap: values['accept-gaps'] });
      io.stdout(`${JSON.stringify({ seq: reading.seq, time: reading.time, class: reading.dataClass, value: jsonValue(reading.value), missing: missing > 0 ? missing : undefined, bytes: bytes.length })}\n`);
    }
    return EXIT.ok;
  },
};
