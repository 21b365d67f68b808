import type { CryptoSuite } from '../../firmware/crypto/suite';
import { deviceSuite } from './device-suite';

/**
 * The device's crypto suite: device-suite.ts as the image builds it, with
 * @stablelib and the SDK's native SHA-2 (crypto/native-sha*.ts) behind it.
 */
export function moddableSuite(): CryptoSuite {
  return Object.freeze({ ...deviceSuite, name: 'moddable' });
}
