// COSE_Encrypt (RFC 9052 section 5.1): content encrypted once, with one
// recipient structure per addressee (direct, ECDH-ES, ECDH-SS; see recipient.ts).
import { encodeCbor } from '../cbor/encode';
import { CborTag, type CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { randomBytes } from '../host/random';
import { contentAad, contentAlgorithm, contentAlgorithmOf, contentIv, openContent } from './content';
import { bytesArg } from './args';
import { parseEncryptedLayer, sealContent, type OpenOptions, type SealOptions } from './encrypt0';
import { HEADER, parseHeaders, type Headers } from './header';
import { DEFAULT_COSE_LIMITS } from './limits';
import { buildRecipient, openRecipient, type OpenedRecipient, type RecipientKeys, type RecipientSpec } from './recipient';

/** CBOR tag of COSE_Encrypt (RFC 9052 section 2). */
export const COSE_ENCRYPT_TAG = 96;

export interface EncryptOptions extends SealOptions {
  recipients: readonly RecipientSpec[];
  /** Fixed content key for reproducing vectors (key-wrap modes only); a fresh one is drawn otherwise. */
  cek?: Uint8Array;
}

/** Encrypts `plaintext` for the recipients into a COSE_Encrypt. */
export function createEncrypt(options: EncryptOptions): Uint8Array {
  const content = contentAlgorithm(options.algorithm);
  if (!Array.isArray(options.recipients) || options.recipients.length === 0) throw new TinydidError('cose.bad-argument', 'at least one recipient');
  let cek = options.cek === undefined ? randomBytes(options.random, content.keyLength) : bytesArg(options.cek, 'cek');
  const built = options.recipients.map((r) => buildRecipient(r, content, cek, options.suite, options.random));
  const direct = built.filter((b) => b.directCek !== undefined);
  if (direct.length > 0) {
    // RFC 9052 section 8.5: a direct mode determines the CEK, so it is the only recipient.
    if (built.length !== 1) throw new TinydidError('cose.bad-argument', 'a direct or direct key agreement recipient must be the only recipient');
    cek = direct[0].directCek!;
  }
  const { prot, unprot, ciphertext } = sealContent(options, 'Encrypt', cek, []);
  const body: CborValue = [prot, unprot, ciphertext, built.map((b) => b.structure)];
  return encodeCbor(options.tagged === false ? body : new CborTag(COSE_ENCRYPT_TAG, body));
}

export interface EncryptDecryptOptions extends OpenOptions, RecipientKeys {}

/** What decryptEncrypt established (DESIGN section 7 point 6). */
export interface DecryptedEncrypt {
  plaintext: Uint8Array;
  /** Content algorithm id. */
  algorithm: number;
  /** The recipient structure that opened, and how. */
  recipient: OpenedRecipient & { index: number; headers: Headers };
  /** True when the sender is authenticated by a static key (ECDH-SS): see recipient.senderKey. */
  senderAuthenticated: boolean;
  headers: Headers;
  tagged: boolean;
}

export interface ParsedEncrypt {
  headers: Headers;
  ciphertext: Uint8Array;
  recipients: { headers: Headers; ciphertext: Uint8Array }[];
  tagged: boolean;
}

/** Parses a COSE_Encrypt and its recipients (one level; nested recipients are cose.unsupported). */
export function parseEncrypt(message: Uint8Array, options: Omit<OpenOptions, 'suite'> = {}): ParsedEncrypt {
  const limits = { ...DEFAULT_COSE_LIMITS, ...options.limits };
  const { headers, parts, tagged } = parseEncryptedLayer(message, COSE_ENCRYPT_TAG, 'COSE_Encrypt', 4, options);
  const list = parts[3];
  if (!Array.isArray(list) || list.length === 0) throw new TinydidError('cose.malformed', 'COSE_Encrypt recipients is not a non-empty array');
  if (list.length > limits.maxRecipients) throw new TinydidError('cose.malformed', `${list.length} recipients, limit ${limits.maxRecipients}`);
  const recipients = list.map((r) => {
    if (!Array.isArray(r) || (r.length !== 3 && r.length !== 4)) throw new TinydidError('cose.malformed', 'COSE_recipient is not an array of 3');
    if (r.length === 4) throw new TinydidError('cose.unsupported', 'nested recipients (two-layer key distribution)');
    const h = parseHeaders(r[0], r[1], { understood: options.understoodCritical, maxHeaders: limits.maxHeaders });
    if (!(r[2] instanceof Uint8Array)) throw new TinydidError('cose.malformed', 'COSE_recipient ciphertext is not a byte string');
    return { headers: h, ciphertext: r[2] };
  });
  return { headers, ciphertext: parts[2] as Uint8Array, recipients, tagged };
}

/**
 * Decrypts a COSE_Encrypt with whichever of the caller's keys a recipient
 * addresses. Throws cose.malformed / cbor.*, cose.bad-header, cose.critical,
 * cose.unsupported, cose.no-key (no recipient for our keys), cose.bad-key,
 * cose.decrypt-failed.
 */
export function decryptEncrypt(message: Uint8Array, options: EncryptDecryptOptions): DecryptedEncrypt {
  return decryptParsedEncrypt(parseEncrypt(message, options), options);
}

/** decryptEncrypt for a message the caller has parsed already (parseEncrypt with the same options). */
export function decryptParsedEncrypt(parsed: ParsedEncrypt, options: EncryptDecryptOptions): DecryptedEncrypt {
  const content = contentAlgorithmOf(parsed.headers);
  if (!parsed.headers.protected.has(HEADER.partialIv) && !parsed.headers.unprotected.has(HEADER.partialIv)) contentIv(parsed.headers, content.aead);
  const aad = contentAad('Encrypt', parsed.headers, options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad'));
  let last: unknown;
  let tried = 0;
  for (let index = 0; index < parsed.recipients.length; index++) {
    const r = parsed.recipients[index];
    let opened: OpenedRecipient[];
    try {
      opened = openRecipient(r.headers, r.ciphertext, content, options, options.suite);
    } catch (error) {
      // A recipient meant for someone else may use an algorithm we lack; keep looking.
      last = error;
      continue;
    }
    for (const o of opened) {
      tried++;
      try {
        const plaintext = openContent(options.suite, content, o.cek, contentIv(parsed.headers, content.aead, o.symmetricKey?.baseIv), parsed.ciphertext, aad);
        return {
          plaintext,
          algorithm: content.alg,
          recipient: { ...o, index, headers: r.headers },
          senderAuthenticated: o.senderKey !== undefined,
          headers: parsed.headers,
          tagged: parsed.tagged,
        };
      } catch (error) {
        last = error;
      }
    }
  }
  // Nothing opened: the last error says why (decrypt-failed, unsupported, ...);
  // with no error at all, no recipient was addressed to a key we hold.
  if (last !== undefined) throw last;
  throw new TinydidError('cose.no-key', `none of ${parsed.recipients.length} recipient${parsed.recipients.length === 1 ? ' is' : 's are'} addressed to a key we hold (${tried} tried)`);
}
