// The default crypto suite: pure JavaScript from audited libraries (@noble/*,
// @stablelib/chacha20poly1305), AES included. Runs on every engine, XS included.
import { aeskw, cbc, gcm } from '@noble/ciphers/aes.js';
import { createJsSuite } from './js-suite';
import type { CryptoSuite } from './suite';

export const portableSuite: CryptoSuite = createJsSuite('portable', { gcm, cbc, aeskw });
