// The crypto suite of the device images: the portable suite's algorithms
// without AES. @noble/ciphers/aes.js builds its lookup tables when it is
// imported, and on XS those tables take 1.43 MB of chunk heap (measured with
// tools/firmware/footprint.ts) - eleven times the nRF52 budget. Device links
// use ChaCha20/Poly1305 for Curve25519 keys (DESIGN section 4); A256GCM,
// A256KW and A256CBC-HS512 belong to the gateway's JSON side and to P-256
// COSE peers, which this image refuses with `crypto.unsupported`.
// test/node/manifests-device-suite.test.ts keeps it byte-equal with
// firmware/crypto/portable-suite.ts. Portable (no Moddable imports): the
// device main composes the native SHA-256 (sha256.ts) over it.
import { createJsSuite } from '../../firmware/crypto/js-suite';
import type { CryptoSuite } from '../../firmware/crypto/suite';

export const deviceSuite: CryptoSuite = createJsSuite('device');
