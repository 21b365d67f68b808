// What a device host hands the device agent (DESIGN section 3): the seams,
// the device root key, the crypto suite and where its DIDComm service is.
// Portable: the Moddable host and the tests pass their own.
import type { CryptoSuite } from '../../crypto/suite';
import type { Clock } from '../../host/clock';
import type { Random } from '../../host/random';
import type { KvStore } from '../../storage/kv';

export interface DeviceSeams {
  random: Random;
  clock: Clock;
  kv: KvStore;
  /** 32-byte device root key (seals the key store's records). */
  rootKey: Uint8Array;
  /** Passed explicitly to everything that hashes, encrypts or verifies. */
  suite: CryptoSuite;
  log(line: string): void;
  /** The DIDComm service endpoint written into the DID, e.g. `ble:tinydid-glucose`. */
  endpoint: string;
}
