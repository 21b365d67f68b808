// The smart insole's device behaviour, portable: a step counter that signs
// each batch of steps (with the position when the phone shared one) with the
// insole's own identity key. Seams come from the host (hosts/moddable/
// main-insole.ts on the device). Nothing runs at import.
import { utf8Encode } from '../../bytes/utf8';
import type { CryptoSuite } from '../../crypto/suite';
import { createDidKey } from '../../did/did-key';
import type { Clock } from '../../host/clock';
import type { Random } from '../../host/random';
import type { KeyStore } from '../../keys/key-store';
import { openKeyStore } from '../../keys/open-key-store';
import type { KvStore } from '../../storage/kv';

export interface InsoleSeams {
  random: Random;
  clock: Clock;
  kv: KvStore;
  /** 32-byte device root key (seals the key store's records). */
  rootKey: Uint8Array;
  suite: CryptoSuite;
  log(line: string): void;
}

export interface StepReport {
  side: 'left' | 'right';
  steps: number;
  monotonicMs: number;
  wallTimeMs: number | undefined;
  payload: Uint8Array;
  /** Ed25519 signature over `payload`, made inside the key store. */
  signature: Uint8Array;
}

export interface Insole {
  readonly did: string;
  readonly publicKey: Uint8Array;
  readonly keyStore: KeyStore;
  report(steps: number): StepReport;
}

export const IDENTITY_KEY_LABEL = 'device-identity';

/** Boots one insole: its identity key (created on first boot inside the key store) and did:key. */
export function bootInsole(seams: InsoleSeams, side: 'left' | 'right'): Insole {
  const keyStore = openKeyStore({ kv: seams.kv, rootKey: seams.rootKey, random: seams.random, suite: seams.suite });
  const existing = keyStore.list().find((info) => info.label === IDENTITY_KEY_LABEL);
  const keyId = existing !== undefined ? existing.id : keyStore.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'persistent', label: IDENTITY_KEY_LABEL });
  const publicKey = keyStore.exportPublic(keyId);
  const did = createDidKey({ crv: 'Ed25519', bytes: publicKey });
  seams.log(`insole-${side}: did ${did}`);
  return Object.freeze({
    did,
    publicKey,
    keyStore,
    report(steps: number): StepReport {
      const monotonicMs = Math.floor(seams.clock.monotonicMs());
      const wallTimeMs = seams.clock.wallTimeMs();
      const payload = utf8Encode(`tinydid-steps/0|${did}|${side}|${steps}|${monotonicMs}|${wallTimeMs === undefined ? '-' : wallTimeMs}`);
      return { side, steps, monotonicMs, wallTimeMs, payload, signature: keyStore.sign(keyId, payload) };
    },
  });
}
