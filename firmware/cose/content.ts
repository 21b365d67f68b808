// The content layer shared by COSE_Encrypt0 and COSE_Encrypt (RFC 9052 section
// 5.3): Enc_structure as AAD, the IV header, the AEAD through the crypto suite.
import { encodeCbor } from '../cbor/encode';
import type { AeadAlgorithm, CryptoSuite } from '../crypto/suite';
import { AEAD_PARAMETERS } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { CONTENT_ALGORITHMS, contentKeyLength } from './algorithms';
import { HEADER, headerAlg, headerValue, protectedForStructure, type Headers } from './header';

/** Enc_structure (RFC 9052 section 5.3). */
export function encStructure(context: 'Encrypt0' | 'Encrypt' | 'Enc_Recipient', protectedBytes: Uint8Array, externalAad: Uint8Array): Uint8Array {
  return encodeCbor([context, protectedBytes, externalAad]);
}

export interface ContentAlgorithm {
  alg: number;
  aead: AeadAlgorithm;
  keyLength: number;
}

/** The content algorithm a header set names; unknown ones are cose.unsupported. */
export function contentAlgorithm(alg: number): ContentAlgorithm {
  const aead = CONTENT_ALGORITHMS.get(alg);
  if (aead === undefined) throw new TinydidError('cose.unsupported', `content encryption algorithm ${alg}`);
  return { alg, aead, keyLength: contentKeyLength(aead) };
}

export function contentAlgorithmOf(h: Headers): ContentAlgorithm {
  return contentAlgorithm(headerAlg(h));
}

/**
 * The IV: header 5, or a Partial IV (header 6) combined with the Base IV of the
 * key's context (RFC 9052 section 3.1: left-pad the Partial IV with zeros to the
 * IV length and XOR it with the Base IV).
 */
export function contentIv(h: Headers, aead: AeadAlgorithm, baseIv?: Uint8Array): Uint8Array {
  const length = AEAD_PARAMETERS[aead].nonceLength;
  const partial = headerValue(h, HEADER.partialIv);
  if (partial instanceof Uint8Array) {
    if (baseIv === undefined) throw new TinydidError('cose.unsupported', 'Partial IV without a Base IV in the key context (RFC 9052 section 3.1)');
    if (baseIv.length !== length || partial.length > length) throw new TinydidError('cose.bad-header', `Partial IV or Base IV does not fit a ${length}-byte IV`);
    const iv = baseIv.slice();
    for (let i = 0; i < partial.length; i++) iv[length - partial.length + i] ^= partial[i];
    return iv;
  }
  const iv = headerValue(h, HEADER.iv);
  if (!(iv instanceof Uint8Array)) throw new TinydidError('cose.bad-header', 'no IV header');
  // RFC 9053 sections 4.1, 4.3: the nonce is exactly 12 bytes for AES-GCM and ChaCha20/Poly1305.
  if (iv.length !== length) throw new TinydidError('cose.bad-header', `IV must be ${length} bytes`);
  return iv;
}

/** Opens the content; any authentication failure is cose.decrypt-failed. */
export function openContent(suite: CryptoSuite, c: ContentAlgorithm, cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Uint8Array {
  if (cek.length !== c.keyLength) throw new TinydidError('cose.decrypt-failed', `content key is ${cek.length} bytes, ${c.aead} needs ${c.keyLength}`);
  if (ciphertext.length < AEAD_PARAMETERS[c.aead].tagLength) throw new TinydidError('cose.decrypt-failed', 'ciphertext shorter than the tag');
  try {
    return suite.aeadOpen(c.aead, cek, iv, ciphertext, aad);
  } catch (error) {
    if (error instanceof TinydidError) throw new TinydidError('cose.decrypt-failed', `content does not decrypt: ${error.message}`, { cause: error });
    throw error;
  }
}

/** AAD for the content of a parsed message. */
export function contentAad(context: 'Encrypt0' | 'Encrypt', h: Headers, externalAad: Uint8Array): Uint8Array {
  return encStructure(context, protectedForStructure(h), externalAad);
}
