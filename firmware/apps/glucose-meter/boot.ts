// The glucose meter's device behaviour, portable: everything platform-specific
// (randomness, clock, storage, root key, crypto suite, log) comes in through
// `GlucoseMeterSeams`. The Moddable device host (hosts/moddable/
// main-glucose-meter.ts) and the simulator pass their own. Nothing runs at import.
import type { CryptoSuite } from '../../crypto/suite';
import { keyStoreSigner } from '../../credentials/keys';
import { ReadingSigner } from '../../credentials/reading';
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
  /**
   * The reading as a COSE_Sign1 (firmware/credentials/reading.ts): EdDSA by
   * the identity key inside the key store, kid = the DID URL's short id,
   * payload {seq, time, data class, value, prev}.
   */
  sign1: Uint8Array;
}

export interface GlucoseMeter {
  readonly did: string;
  readonly publicKey: Uint8Array;
  readonly keyStore: KeyStore;
  /** DID URL of the identity key (did:key: the DID, '#', the multibase key). */
  readonly kid: string;
  measure(mgdl: number): SignedReading;
}

/** Label of the device's identity key in its key store. */
export const IDENTITY_KEY_LABEL = 'device-identity';

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
  const kid = `${did}#${did.slice('did:key:'.length)}`;
  const signer = new ReadingSigner({
    signer: keyStoreSigner(keyStore, keyId, kid),
    monotonic: keyStore.monotonic(),
    kv: seams.kv,
    suite: seams.suite,
    // Seconds of wall time, or undefined until the phone has set the clock.
    time: { now: () => {
      const ms = seams.clock.wallTimeMs();
      return ms === undefined ? undefined : Math.floor(ms / 1000);
    } },
  });
  return Object.freeze({
    did,
    publicKey,
    keyStore,
    kid,
    measure(mgdl: number): SignedReading {
      const reading: GlucoseReading = { mgdl, monotonicMs: Math.floor(seams.clock.monotonicMs()), wallTimeMs: seams.clock.wallTimeMs() };
      return { reading, sign1: signer.sign('glucose', mgdl) };
    },
  });
}
