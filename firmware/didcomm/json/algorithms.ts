import type { JweEnc } from '../../jose/jwe-parse';

/** The reference implementation's names for the envelope algorithms (didcomm-rust AnonCryptAlg / AuthCryptAlg). */
export const ANON_ALG_NAMES: Readonly<Record<JweEnc, string>> = Object.freeze({
  XC20P: 'Xc20pEcdhEsA256kw',
  A256GCM: 'A256gcmEcdhEsA256kw',
  'A256CBC-HS512': 'A256cbcHs512EcdhEsA256kw',
});

export const AUTH_ALG_NAME = 'A256cbcHs512Ecdh1puA256kw';
