// The cattle tag's device behaviour, portable: an ear tag with an Ed25519 key
// in its key store and a did:key DID. Whoever handles the animal (owner,
// vet, transporter) scans the tag with a fresh nonce; the tag answers with a
// signed attestation that it was present for that event (README.md). Nothing
// runs at import; the key store, KV and crypto suite come in as seams.
import { encodeCbor } from '../../cbor/encode';
import type { CborValue } from '../../cbor/value';
import { utf8Decode, utf8Encode } from '../../bytes/utf8';
import { keyStoreSigner, type CoseSigner } from '../../credentials/keys';
import { createSign1 } from '../../credentials/sign1';
import { createDidKey } from '../../did/did-key';
import { TinydidError } from '../../errors/tinydid-error';
import { defaultAttributes } from '../../keys/attributes';
import type { KeyStore } from '../../keys/key-store';
import type { KvStore } from '../../storage/kv';

/** typ of a tag attestation (RFC 9596 typ header). */
export const ATTESTATION_TYP = 'application/tinydid-tag-attestation+cbor';
/** Payload keys of an attestation: {1: nonce, 2: event, 3: time (seconds, absent when unknown)}. */
export const ATTESTATION_KEY = Object.freeze({ nonce: 1, event: 2, time: 3 });
/** Nonces: 8..32 bytes, chosen by the scanner. */
export const TAG_LIMITS = Object.freeze({ minNonce: 8, maxNonce: 32, maxEvent: 32 });

const KEY_RECORD = 'tag/key';

export interface TagSeams {
  store: KeyStore;
  kv: KvStore;
}

export interface CattleTag {
  readonly did: string;
  /** The DID URL of the tag's key (did:key: the DID plus its fragment). */
  readonly kid: string;
  /** Signs that the tag is present for `event`, over the scanner's `nonce`. */
  attest(nonce: Uint8Array, event: string, time: number | undefined): Uint8Array;
}

/** Boots the tag: its key is generated once inside the key store and kept (KV record `tag/key`). */
export function bootTag(seams: TagSeams): CattleTag {
  const saved = seams.kv.get(KEY_RECORD);
  let keyId: string;
  if (saved === undefined) {
    keyId = seams.store.generate(defaultAttributes('ed25519', 'sign', 'tag-identity'));
    seams.kv.put(KEY_RECORD, utf8Encode(keyId));
  } else {
    keyId = utf8Decode(saved);
  }
  const did = createDidKey({ crv: 'Ed25519', bytes: seams.store.exportPublic(keyId) });
  const kid = `${did}#${did.slice('did:key:'.length)}`;
  const signer: CoseSigner = keyStoreSigner(seams.store, keyId, kid);
  return Object.freeze({
    did,
    kid,
    attest(nonce: Uint8Array, event: string, time: number | undefined): Uint8Array {
      if (!(nonce instanceof Uint8Array) || nonce.length < TAG_LIMITS.minNonce || nonce.length > TAG_LIMITS.maxNonce) {
        throw new TinydidError('custody.malformed', `a scan nonce is ${TAG_LIMITS.minNonce}..${TAG_LIMITS.maxNonce} bytes`);
      }
      if (typeof event !== 'string' || event.length === 0 || event.length > TAG_LIMITS.maxEvent) throw new TinydidError('custody.malformed', 'an event is a short text');
      const payload = new Map<CborValue, CborValue>([[ATTESTATION_KEY.nonce, nonce], [ATTESTATION_KEY.event, event]]);
      if (time !== undefined) payload.set(ATTESTATION_KEY.time, Math.floor(time));
      return createSign1(signer, encodeCbor(payload), [[16, ATTESTATION_TYP]]);
    },
  });
}
