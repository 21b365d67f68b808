import type { CryptoSuite } from '../crypto/suite';
import { createLocalResolver } from '../did/all-methods';
import type { LocalResolver } from '../did/resolver';
import type { KeyUsage } from '../keys/key-store';
import type { Random } from '../host/random';
import { createSoftwareAgent, type AgentFile } from './agent-file';
import { CODECS, codecFor, detectCodec, type CodecRegistry } from './codecs';
import type { KeyRing } from './key-ring';
import type { Message } from './message';
import { importSecrets, memorySoftwareKeyStore } from './software-agent';
import type { Encoding, PackMode, PackResult, UnpackResult } from './types';

/**
 * The glucose reading of issue "DIDComm agent core" (the message the size
 * budget is stated for), between a meter and a phone, with everything a
 * benchmark or a demo needs to pack and unpack it through the same library
 * paths the CLI uses: software agents (createSoftwareAgent), secrets imported
 * into a software key store (importSecrets), a LocalResolver knowing both
 * documents, and the codec registry. The crypto suite is a parameter.
 */
export function glucoseReading(meterDid: string, phoneDid: string): Message {
  return {
    id: 'r-000123',
    type: 'https://example.org/glucose/1.0/reading',
    from: meterDid,
    to: [phoneDid],
    created_time: 1763779200,
    body: { value: 104, unit: 'mg/dL', time: 1763779200, seq: 123 },
  };
}

export interface ReadingPair {
  meter: AgentFile;
  phone: AgentFile;
  meterKeys: KeyRing;
  phoneKeys: KeyRing;
  resolver: LocalResolver;
  message: Message;
  suite: CryptoSuite;
  random: Random;
}

function ring(agent: AgentFile, random: Random, suite: CryptoSuite): KeyRing {
  const doc = agent.didDocument;
  const usage = (kid: string): KeyUsage | undefined => (doc.authentication.includes(kid) ? 'sign' : doc.keyAgreement.includes(kid) ? 'derive' : undefined);
  return importSecrets(agent.secrets, memorySoftwareKeyStore(random, suite), usage).ring;
}

/** A meter and a phone agent (did:peer:2, Curve25519 by default) that know each other's documents. */
export function readingPair(options: { suite: CryptoSuite; random: Random; curve?: '25519' | 'p256'; method?: 'peer2' | 'peer4' }): ReadingPair {
  const { suite, random } = options;
  const meter = createSoftwareAgent({ suite, random, curve: options.curve, method: options.method });
  const phone = createSoftwareAgent({ suite, random, curve: options.curve, method: options.method });
  return {
    meter,
    phone,
    meterKeys: ring(meter, random, suite),
    phoneKeys: ring(phone, random, suite),
    resolver: createLocalResolver({ documents: [meter.didDocument, phone.didDocument], suite }),
    message: glucoseReading(meter.did, phone.did),
    suite,
    random,
  };
}

/** The meter packs the reading for the phone (`signed` adds nothing else; anoncrypt/authcrypt encrypt to the phone). */
export function packReading(pair: ReadingPair, mode: PackMode, encoding: Encoding = 'json', registry: CodecRegistry = CODECS): PackResult {
  return codecFor(encoding, registry).pack(pair.message, { mode, resolver: pair.resolver, keys: pair.meterKeys, random: pair.random, suite: pair.suite });
}

/** The phone unpacks what the meter packed (time checked as of the reading's creation + 60 s). */
export function unpackReading(pair: ReadingPair, packed: Uint8Array, registry: CodecRegistry = CODECS): UnpackResult {
  return detectCodec(packed, registry).unpack(packed, { resolver: pair.resolver, keys: pair.phoneKeys, suite: pair.suite, now: 1763779260 });
}
