import type { CryptoSuite } from '../../firmware/crypto/suite';
import { deviceSuite } from './device-suite';
import { nativeSha256, nativeSha256Stream } from './sha256';

/** The device's crypto suite: device-suite.ts with SHA-256 from the SDK's native digest. */
export function moddableSuite(): CryptoSuite {
  return Object.freeze({ ...deviceSuite, name: 'moddable', sha256: nativeSha256, sha256Stream: nativeSha256Stream });
}
