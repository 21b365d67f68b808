// Runs one cose-wg example file (cose-wg/Examples JSON: input, intermediates,
// output.cbor) through firmware/cose and says how it ended:
// - reproduced: our sender, given the vector's keys, IV, CEK, ephemeral key and
//   nonces, produced the output (`exact`: byte for byte; otherwise equal after
//   deterministic re-encoding, i.e. the vector's unprotected maps are in another
//   key order), and our receiver verifies / decrypts the published output;
// - verified: the published output verifies / decrypts (ES256 signatures are
//   randomized, and a few vectors put alg in the unprotected bucket, which our
//   sender never does);
// - rejected: a `fail: true` vector, refused with a TinydidError (code returned);
// - unsupported: refused with cose.unsupported (structure or algorithm outside
//   what tinydid implements).
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import type { CborValue } from '../../firmware/cbor/value';
import { createEncrypt, decryptEncrypt } from '../../firmware/cose/encrypt';
import { createEncrypt0, decryptEncrypt0 } from '../../firmware/cose/encrypt0';
import { identifyCoseMessage } from '../../firmware/cose/message';
import type { RecipientSpec } from '../../firmware/cose/recipient';
import { createSign, verifySign } from '../../firmware/cose/sign';
import { createSign1, verifySign1 } from '../../firmware/cose/sign1';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { xsTestRandom } from '../../hosts/xs/random';
import { importVectorKey, publicCoseKey, testKeyStore, type VectorJwk } from './cose-keys';

export type Outcome = 'reproduced' | 'verified' | 'rejected' | 'unsupported';

export interface VectorResult {
  outcome: Outcome;
  /** For reproduced: byte for byte (true) or equal after deterministic re-encoding (false). */
  exact?: boolean;
  /** For rejected / unsupported: the TinydidError code. */
  code?: string;
  detail: string;
}

/** Algorithm names used in the vectors' JSON (IANA COSE Algorithms registry). */
const ALG_NAMES: Readonly<Record<string, number>> = Object.freeze({
  A128GCM: 1, A192GCM: 2, A256GCM: 3, 'ChaCha-Poly1305': 24, EdDSA: -8, ES256: -7, ES384: -35, ES512: -36, direct: -6,
  'ECDH-ES': -25, 'ECDH-ES-512': -26, 'ECDH-SS': -27, 'ECDH-SS-256': -27, 'ECDH-SS-512': -28, 'ECDH-ES-A256KW': -31, 'ECDH-SS-A256KW': -34,
  'AES-CCM-16-128/64': 10, 'AES-CCM-16-256/64': 11, 'HS256/64': 4, HS256: 5, HS512: 7, 'HKDF-HMAC-SHA-256': -10, 'HKDF-HMAC-SHA-512': -11,
});

type JsonHeaders = Record<string, unknown> | undefined;

interface Layer {
  protected?: JsonHeaders;
  unprotected?: JsonHeaders;
  alg?: string;
  external?: string;
  key?: VectorJwk;
  recipients?: RecipientJson[];
}
interface RecipientJson {
  key: VectorJwk;
  protected?: JsonHeaders;
  unprotected?: JsonHeaders;
  alg?: string;
  sender_key?: VectorJwk;
}

const suite = portableSuite;
const random = xsTestRandom(42);

function algOf(layer: { protected?: JsonHeaders; unprotected?: JsonHeaders; alg?: string }): number | undefined {
  const name = (layer.protected?.alg ?? layer.unprotected?.alg ?? layer.alg) as string | undefined;
  return name === undefined ? undefined : ALG_NAMES[name];
}

/** Our sender reproduces only layers whose headers are what it emits: alg (+ ctyp) protected, kid unprotected. */
function simpleHeaders(layer: { protected?: JsonHeaders; unprotected?: JsonHeaders }): boolean {
  const p = Object.keys(layer.protected ?? {});
  const u = Object.keys(layer.unprotected ?? {});
  return p.includes('alg') && p.every((k) => k === 'alg' || k === 'ctyp') && u.every((k) => k === 'kid');
}

function canonical(bytes: Uint8Array): string {
  return toHex(encodeCbor(decodeCbor(bytes)));
}

function compare(ours: Uint8Array, expected: Uint8Array): { equal: boolean; exact: boolean } {
  if (toHex(ours) === toHex(expected)) return { equal: true, exact: true };
  return { equal: canonical(ours) === canonical(expected), exact: false };
}

function plaintextOf(input: Record<string, unknown>): Uint8Array {
  return typeof input.plaintext_hex === 'string' ? fromHex(input.plaintext_hex) : utf8Encode(input.plaintext as string);
}

function kidBytes(h: JsonHeaders): Uint8Array | undefined {
  return typeof h?.kid === 'string' ? utf8Encode(h.kid) : undefined;
}

function extraProtected(h: JsonHeaders): Map<CborValue, CborValue> | undefined {
  return h !== undefined && typeof h.ctyp === 'number' ? new Map<CborValue, CborValue>([[3, h.ctyp]]) : undefined;
}

function sign0(v: Record<string, any>, output: Uint8Array): VectorResult {
  const layer = v.input.sign0 as Layer;
  const externalAad = layer.external === undefined ? undefined : fromHex(layer.external);
  // Keys on curves tinydid lacks (P-384, P-521, Ed448) are refused as COSE_Keys: cose.unsupported.
  const key = publicCoseKey(layer.key!);
  const r = verifySign1(output, { suite, keys: [key], externalAad });
  const alg = algOf(layer);
  if (alg === -8 && simpleHeaders(layer)) {
    const store = testKeyStore();
    const id = importVectorKey(store, layer.key!, 'sign');
    const ours = createSign1({ keyStore: store, keyId: id, payload: plaintextOf(v.input), kid: kidBytes(layer.unprotected), protectedHeaders: extraProtected(layer.protected), externalAad });
    const c = compare(ours, output);
    if (!c.equal) throw new Error(`EdDSA signature not reproduced: ${toHex(ours)}`);
    return { outcome: 'reproduced', exact: c.exact, detail: `COSE_Sign1 alg ${r.algorithm}` };
  }
  return { outcome: 'verified', detail: `COSE_Sign1 alg ${r.algorithm}` };
}

function sign(v: Record<string, any>, output: Uint8Array): VectorResult {
  const layer = v.input.sign as Layer & { signers: RecipientJson[] };
  const externalAad = layer.external === undefined ? undefined : fromHex(layer.external);
  const keys = layer.signers.map((s) => publicCoseKey(s.key));
  const r = verifySign(output, { suite, keys, externalAad });
  if (r.verified.length !== layer.signers.length) throw new Error(`${r.verified.length} of ${layer.signers.length} signers verified`);
  const detail = `COSE_Sign, ${r.verified.length} signer(s), alg ${r.verified.map((x) => x.algorithm).join(',')}`;
  const bodyOk = Object.keys(layer.protected ?? {}).every((k) => k === 'ctyp') && Object.keys(layer.unprotected ?? {}).length === 0;
  if (bodyOk && layer.signers.every((s) => algOf(s) === -8 && simpleHeaders(s))) {
    const store = testKeyStore();
    const signers = layer.signers.map((s) => ({ keyStore: store, keyId: importVectorKey(store, s.key, 'sign'), kid: kidBytes(s.unprotected) }));
    const ours = createSign({ signers, payload: plaintextOf(v.input), protectedHeaders: extraProtected(layer.protected), externalAad });
    const c = compare(ours, output);
    if (!c.equal) throw new Error(`COSE_Sign not reproduced: ${toHex(ours)}`);
    return { outcome: 'reproduced', exact: c.exact, detail };
  }
  return { outcome: 'verified', detail };
}

function encrypted(v: Record<string, any>, output: Uint8Array): VectorResult {
  const layer = v.input.encrypted as Layer;
  const rk = layer.recipients![0];
  const key = publicCoseKey(rk.key);
  const externalAad = layer.external === undefined ? undefined : fromHex(layer.external);
  const r = decryptEncrypt0(output, { suite, keys: [{ kty: 'Symmetric', k: key.k! }], externalAad });
  if (toHex(r.plaintext) !== toHex(plaintextOf(v.input))) throw new Error('decrypted plaintext differs');
  const alg = algOf(layer);
  if (alg !== undefined && simpleHeaders(layer)) {
    const ours = createEncrypt0({ suite, random, algorithm: alg, key: key.k!, plaintext: plaintextOf(v.input), iv: fromHex(v.input.rng_stream[0]), protectedHeaders: extraProtected(layer.protected), externalAad });
    const c = compare(ours, output);
    if (!c.equal) throw new Error(`Encrypt0 not reproduced: ${toHex(ours)}`);
    return { outcome: 'reproduced', exact: c.exact, detail: `COSE_Encrypt0 alg ${r.algorithm}` };
  }
  return { outcome: 'verified', detail: `COSE_Encrypt0 alg ${r.algorithm}` };
}

function enveloped(v: Record<string, any>, output: Uint8Array): VectorResult {
  const layer = v.input.enveloped as Layer;
  const rj = layer.recipients![0];
  const recipientAlg = algOf(rj);
  const externalAad = layer.external === undefined ? undefined : fromHex(layer.external);
  const store = testKeyStore();
  // The receiver holds the key under the kid the sender names in the message.
  const kid = kidBytes(rj.unprotected);
  const pub = { ...publicCoseKey(rj.key), ...(kid === undefined ? {} : { kid }) };
  const unsent = (layer as { unsent?: { IV_hex?: string } }).unsent;
  const partial = (layer.unprotected as { partialIV_hex?: string } | undefined)?.partialIV_hex;
  if (unsent?.IV_hex !== undefined && partial !== undefined) {
    // The IV the receiver knows from context, as the Base IV under the Partial IV.
    const iv = fromHex(unsent.IV_hex);
    const p = fromHex(partial);
    for (let i = 0; i < p.length; i++) iv[iv.length - p.length + i] ^= p[i];
    pub.baseIv = iv;
  }
  const senderKeys = rj.sender_key === undefined ? undefined : [publicCoseKey(rj.sender_key)];
  let opened;
  if (rj.key.kty === 'oct') opened = decryptEncrypt(output, { suite, symmetric: [pub], externalAad });
  else {
    const keyId = rj.key.kty === 'oct' ? '' : importVectorKey(store, rj.key, 'derive');
    opened = decryptEncrypt(output, { suite, keyStore: store, agreement: [{ keyId, kid }], senderKeys, externalAad });
  }
  if (toHex(opened.plaintext) !== toHex(plaintextOf(v.input))) throw new Error('decrypted plaintext differs');
  const detail = `COSE_Encrypt alg ${opened.algorithm}, recipient alg ${opened.recipient.algorithm}`;
  const alg = algOf(layer);
  if (alg === undefined || !simpleHeaders(layer) || recipientAlg === undefined) return { outcome: 'verified', detail };
  // The order in which the examples' generator drew from its RNG, per mode.
  const rng = (v.input.rng_stream as string[]).map(fromHex);
  let spec: RecipientSpec;
  let iv: Uint8Array;
  let cek: Uint8Array | undefined;
  if (recipientAlg === -6) {
    spec = { kind: 'direct', key: pub.k!, kid };
    iv = rng[0];
  } else if (recipientAlg === -25) {
    spec = { kind: 'ecdh-es', algorithm: -25, recipientKey: pub, kid, ephemeralPrivateKey: rng[0] };
    iv = rng[1];
  } else if (recipientAlg === -31) {
    spec = { kind: 'ecdh-es', algorithm: -31, recipientKey: pub, kid, ephemeralPrivateKey: rng[2] };
    [cek, iv] = rng;
  } else if (recipientAlg === -27 || recipientAlg === -34) {
    const sender = testKeyStore(5);
    const senderKeyId = importVectorKey(sender, rj.sender_key!, 'derive');
    const senderKid = rj.sender_key!.kid === undefined ? undefined : utf8Encode(rj.sender_key!.kid);
    if (recipientAlg === -27) {
      spec = { kind: 'ecdh-ss', algorithm: -27, recipientKey: pub, kid, keyStore: sender, senderKeyId, senderKid, partyU: { nonce: rng[0] } };
      iv = rng[1];
    } else {
      // The published ECDH-SS + A256KW examples carry no PartyU nonce.
      spec = { kind: 'ecdh-ss', algorithm: -34, recipientKey: pub, kid, keyStore: sender, senderKeyId, senderKid, freshNonce: false };
      [cek, iv] = rng;
    }
  } else return { outcome: 'verified', detail };
  const ours = createEncrypt({ suite, random, algorithm: alg, plaintext: plaintextOf(v.input), recipients: [spec], iv, cek, externalAad, protectedHeaders: extraProtected(layer.protected) });
  const c = compare(ours, output);
  if (!c.equal) throw new Error(`COSE_Encrypt not reproduced: ${toHex(ours)}`);
  return { outcome: 'reproduced', exact: c.exact, detail };
}

/** Runs one vector; unexpected failures (a bug, not a verdict) throw plain Errors. */
export function runCoseVector(text: string): VectorResult {
  const v = JSON.parse(text);
  const output = fromHex(v.output.cbor);
  const input = v.input as Record<string, unknown>;
  try {
    // Structures outside what tinydid implements are refused by the dispatcher.
    if (input.mac !== undefined || input.mac0 !== undefined) identifyCoseMessage(output);
    let result: VectorResult;
    if (input.sign0 !== undefined) result = sign0(v, output);
    else if (input.sign !== undefined) result = sign(v, output);
    else if (input.encrypted !== undefined) result = encrypted(v, output);
    else if (input.enveloped !== undefined) result = enveloped(v, output);
    else throw new Error('vector with no structure this runner knows');
    if (v.fail === true) throw new Error(`fail vector accepted (${result.detail})`);
    return result;
  } catch (error) {
    if (!(error instanceof TinydidError)) throw error;
    if (v.fail === true) return { outcome: 'rejected', code: error.code, detail: error.message };
    if (error.code === 'cose.unsupported') return { outcome: 'unsupported', code: error.code, detail: error.message };
    throw new Error(`${v.title}: ${error.code}: ${error.message}`, { cause: error });
  }
}
