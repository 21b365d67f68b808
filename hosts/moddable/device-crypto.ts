import { ed25519 } from '@noble/curves/ed25519.js';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { deviceSuite } from './device-suite';
import { ED25519_BASE_WINDOW } from './ed25519-window';
import { nativeSha256, nativeSha256Stream } from './sha256';

let configured = false;

/**
 * The device's crypto suite: device-suite.ts with SHA-256 from the SDK's
 * native digest, and @noble/curves' Ed25519 base-point table cut down to
 * ED25519_BASE_WINDOW (noble builds a W=6 table on first use otherwise).
 */
export function moddableSuite(): CryptoSuite {
  if (!configured) {
    ed25519.Point.BASE.precompute(ED25519_BASE_WINDOW);
    configured = true;
  }
  return Object.freeze({ ...deviceSuite, name: 'moddable', sha256: nativeSha256, sha256Stream: nativeSha256Stream });
}
