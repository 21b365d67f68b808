// The default crypto suite: pure JavaScript from audited libraries (@noble/*
// through curves.ts, hashes.ts and ciphers.ts), AES included. Runs on every
// engine, XS included. Not in the device images (they build their own suite
// without AES: hosts/moddable/device-suite.ts).
import { aeskw, cbc, gcm } from '@noble/ciphers/aes.js';
import { createJsSuite } from './js-suite';
import type { CryptoSuite } from './suite';

export const portableSuite: CryptoSuite = createJsSuite('portable', { gcm, cbc, aeskw });
