// The crypto suite of the device images: firmware/crypto/js-suite.ts without
// AES. @noble/ciphers/aes.js builds its lookup tables when it is imported, and
// on XS those tables take 1.43 MB of chunk heap - eleven times the nRF52
// budget. Device links use ChaCha20/Poly1305 for Curve25519 keys (DESIGN
// section 4). In the images firmware/crypto/{curves,hashes,ciphers} are the
// @stablelib substitutes in ./crypto (tools/firmware/closure.ts,
// manifest.json), so this suite refuses P-256, secp256k1, XChaCha20 and the
// AES algorithms with `crypto.unsupported`; SHA-256 and SHA-512 are the
// SDK's native digest there (crypto/native-sha*.ts). Portable (no Moddable
// imports).
import { createJsSuite } from '../../firmware/crypto/js-suite';
import type { CryptoSuite } from '../../firmware/crypto/suite';

export const deviceSuite: CryptoSuite = createJsSuite('device');
