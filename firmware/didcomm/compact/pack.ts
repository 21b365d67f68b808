/**
 * Packs a message in the compact profile (PROFILE.md section 3): plaintext
 * as deterministic CBOR, signed as COSE_Sign1, anoncrypt and authcrypt as
 * COSE_Encrypt, protect_sender as anoncrypt around authcrypt, and a signed
 * message inside either encryption when `signBy` is given. Private keys are
 * reached only through the key store (KeyRing.store).
 */
import type { CryptoSuite } from '../../crypto/suite';
import { createEncrypt } from '../../cose/encrypt';
import { HEADER } from '../../cose/header';
import type { RecipientSpec } from '../../cose/recipient';
import { createSign1 } from '../../cose/sign1';
import { didOf } from '../../did/did-url';
import { TinydidError } from '../../errors/tinydid-error';
import { randomBytes, type Random } from '../../host/random';
import type { KeyRing } from '../key-ring';
import type { Message } from '../message';
import type { PackMetadata, PackOptions, PackResult } from '../types';
import { checkMessage, messageHeaders } from '../validate';
import { CONTENT_ALG, PARTY_U_NONCE_LENGTH, RECIPIENT_ALG, type AgreementCurve } from './algorithms';
import { shortKidCache, type KidForm, type ShortKidCache } from './key-id';
import { COMPACT_MEDIA_TYPES } from './labels';
import { anonRecipients, recipientGroups, senderKey, signerKey, singleDid, toCoseKey, type LocalKey, type PartyKey } from './parties';
import { encodeCompactPlaintext, type ImpliedParties } from './plaintext';

/** PackOptions; `kidForm` picks short (default) or full key ids (PROFILE.md section 3.1). */
/** PackOptions with the suite required: the device images carry no default suite. */
export type CompactPackOptions = PackOptions & { suite: CryptoSuite };

function option(message: string): never {
  throw new TinydidError('didcomm.bad-option', message);
}

interface Context {
  suite: CryptoSuite;
  random: Random;
  kidForm: KidForm;
  /** Short ids computed before, kept by the resolver (key-id.ts). */
  ids: ShortKidCache;
}

/** COSE_Sign1 of `payload` by `signer` (RFC 9052 section 4.2); the kid is protected. */
function sign(payload: Uint8Array, signer: LocalKey, keys: KeyRing, ctx: Omit<Context, 'random'>): Uint8Array {
  return createSign1({
    keyStore: keys.store,
    keyId: signer.keyId,
    payload,
    protectedHeaders: new Map([[HEADER.kid, ctx.ids.kidBytes(signer.kid, ctx.kidForm)]]),
  });
}

/**
 * COSE_Encrypt of `payload` (RFC 9052 section 5.1) to `recipients`: ECDH-ES
 * (anoncrypt) or, with `sender`, ECDH-SS with a fresh PartyU nonce
 * (authcrypt); direct HKDF for one recipient, A256KW for several.
 */
function encrypt(payload: Uint8Array, recipients: PartyKey[], sender: { key: LocalKey; keys: KeyRing } | undefined, ctx: Context): Uint8Array {
  const curve = recipients[0].key.crv as AgreementCurve;
  const algs = sender === undefined ? RECIPIENT_ALG.anoncrypt : RECIPIENT_ALG.authcrypt;
  const algorithm = recipients.length === 1 ? algs[0] : algs[1];
  const specs: RecipientSpec[] = recipients.map((r) => {
    const kid = ctx.ids.kidBytes(r.kid, ctx.kidForm);
    if (sender === undefined) return { kind: 'ecdh-es', algorithm, recipientKey: toCoseKey(r.key), kid };
    return {
      kind: 'ecdh-ss',
      algorithm,
      recipientKey: toCoseKey(r.key),
      kid,
      keyStore: sender.keys.store,
      senderKeyId: sender.key.keyId,
      senderKid: ctx.ids.kidBytes(sender.key.kid, ctx.kidForm),
      protectSender: true,
      partyU: { nonce: randomBytes(ctx.random, PARTY_U_NONCE_LENGTH) },
    };
  });
  return createEncrypt({ suite: ctx.suite, random: ctx.random, algorithm: CONTENT_ALG[curve], plaintext: payload, recipients: specs });
}

/**
 * Packs `message` as compact DIDComm. `from` and `to` are left implied
 * (PROFILE.md section 2.2) when the envelope establishes them. Throws
 * `didcomm.bad-option`, `didcomm.no-key`, `didcomm.malformed`, `did.*`.
 */
export function packCompact(message: Message, options: CompactPackOptions): PackResult {
  const checked = checkMessage(messageHeaders(message));
  const suite = options.suite;
  const kidForm: KidForm = options.kidForm ?? 'short';
  if (kidForm !== 'short' && kidForm !== 'full') option(`kidForm must be short or full, got ${String(kidForm)}`);
  if (options.encAlgAnon !== undefined) option('encAlgAnon is a JSON option: the compact profile picks the content algorithm by curve');
  const metadata: PackMetadata = { to_kids: [] };
  const mode = options.mode;
  if (mode !== 'plain' && mode !== 'signed' && mode !== 'anoncrypt' && mode !== 'authcrypt') option(`unknown mode ${String(mode)}`);
  if (mode === 'plain') return { bytes: encodeCompactPlaintext(checked), mediaType: COMPACT_MEDIA_TYPES.plain, metadata };
  if (options.protectSender === true && mode !== 'authcrypt') option('protectSender applies to authcrypt');

  const keys = options.keys;
  let signer: LocalKey | undefined;
  if (mode === 'signed' || options.signBy !== undefined) {
    if (keys === undefined) option('signing needs keys');
    signer = signerKey(checked, options.signBy, options.resolver, keys);
    metadata.sign_by_kid = signer.kid;
  }
  if (mode === 'signed') {
    const payload = encodeCompactPlaintext(checked, { from: didOf((signer as LocalKey).kid) });
    return { bytes: sign(payload, signer as LocalKey, keys as KeyRing, { suite, kidForm, ids: shortKidCache(options.resolver, suite) }), mediaType: COMPACT_MEDIA_TYPES.signed, metadata };
  }

  const random = options.random ?? option('encryption needs a Random');
  const ctx: Context = { suite, random, kidForm, ids: shortKidCache(options.resolver, suite) };
  const groups = recipientGroups(options.to ?? checked.to ?? [], options.resolver);
  let recipients: PartyKey[];
  let sender: LocalKey | undefined;
  if (mode === 'authcrypt') {
    if (keys === undefined) option('authcrypt needs keys');
    ({ sender, recipients } = senderKey(checked, options.from, options.resolver, keys, groups));
    metadata.from_kid = sender.kid;
  } else {
    recipients = anonRecipients(groups);
  }
  metadata.to_kids = recipients.map((r) => r.kid);

  let payload: Uint8Array;
  if (signer !== undefined) {
    // A signed message stands on its own (non-repudiation): only from is implied, by the signer.
    payload = sign(encodeCompactPlaintext(checked, { from: didOf(signer.kid) }), signer, keys as KeyRing, ctx);
  } else {
    const implied: ImpliedParties = {};
    const toDid = singleDid(recipients.map((r) => r.kid));
    if (toDid !== undefined) implied.to = toDid;
    if (sender !== undefined) implied.from = didOf(sender.kid);
    payload = encodeCompactPlaintext(checked, implied);
  }
  let bytes = encrypt(payload, recipients, sender === undefined ? undefined : { key: sender, keys: keys as KeyRing }, ctx);
  if (options.protectSender === true) bytes = encrypt(bytes, recipients, undefined, ctx);
  return { bytes, mediaType: COMPACT_MEDIA_TYPES.encrypted, metadata };
}
