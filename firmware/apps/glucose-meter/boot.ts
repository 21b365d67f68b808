// The glucose meter's device behaviour, portable: everything platform-specific
// (randomness, clock, storage, root key, crypto suite, log) comes in through
// `GlucoseMeterSeams`. The Moddable device host (hosts/moddable/
// main-glucose-meter.ts) and the simulator pass their own. Nothing runs at import.
import { utf8Encode } from '../../bytes/utf8';
import type { CryptoSuite } from '../../crypto/suite';
import { createDidKey } from '../../did/did-key';
import type { Clock } from '../../host/clock';
import type { Random } from '../../host/random';
import type { KeyStore } from '../../keys/key-store';
import { openKeyStore } from '../../keys/open-key-store';
import type { KvStore } from '../../storage/kv';

export interface GlucoseMeterSeams {
  random: Random;
  clock: Clock;
  kv: KvStore;
  /** 32-byte device root key (seals the key store's records). */
  rootKey: Uint8Array;
  suite: CryptoSuite;
  log(line: string): void;
}

export interface GlucoseReading {
  /** mg/dL, integer. */
  mgdl: number;
  /** Milliseconds since boot when measured. */
  monotonicMs: number;
  /** Unix ms, or undefined when the device does not know the time. */
  wallTimeMs: number | undefined;
}

export interface SignedReading {
  reading: GlucoseReading;
  /** The signed bytes. */
  payload: Uint8Array;
  /** Ed25519 signature over `payload` (RFC 8032), made inside the key store. */
  signature: Uint8Array;
}

export interface GlucoseMeter {
  readonly did: string;
  readonly publicKey: Uint8Array;
  readonly keyStore: KeyStore;
  measure(mgdl: number): SignedReading;
}

/** Label of the device's identity key in its key store. */
export const IDENTITY_KEY_LABEL = 'device-identity';

function encodeReading(did: string, reading: GlucoseReading): Uint8Array {
  const wall = reading.wallTimeMs === undefined ? '-' : String(reading.wallTimeMs);
  return utf8Encode(`tinydid-reading/0|${did}|glucose|${reading.mgdl}|mg/dL|${reading.monotonicMs}|${wall}`);
}

/**
 * Boots a glucose meter: opens its key store, creates its Ed25519 identity
 * key on first boot (inside the store; the private key never leaves it), and
 * returns a meter whose DID is the did:key of that key and that signs every
 * reading with it.
 */
export function bootGlucoseMeter(seams: GlucoseMeterSeams): GlucoseMeter {
  const keyStore = openKeyStore({ kv: seams.kv, rootKey: seams.rootKey, random: seams.random, suite: seams.suite });
  const existing = keyStore.list().find((info) => info.label === IDENTITY_KEY_LABEL);
  const keyId = existing !== undefined ? existing.id : keyStore.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'persistent', label: IDENTITY_KEY_LABEL });
  const publicKey = keyStore.exportPublic(keyId);
  const did = createDidKey({ crv: 'Ed25519', bytes: publicKey });
  seams.log(`glucose-meter: ${existing !== undefined ? 'identity key loaded' : 'identity key created'} (${keyStore.info(keyId).location})`);
  seams.log(`glucose-meter: did ${did}`);
  return Object.freeze({
    did,
    publicKey,
    keyStore,
    measure(mgdl: number): SignedReading {
      const reading: GlucoseReading = { mgdl, monotonicMs: Math.floor(seams.clock.monotonicMs()), wallTimeMs: seams.clock.wallTimeMs() };
      const payload = encodeReading(did, reading);
      const signature = keyStore.sign(keyId, payload);
      return { reading, payload, signature };
    },
  });
}
