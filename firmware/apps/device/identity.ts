// The device's identity keys: an Ed25519 signing key and an X25519 agreement
// key, generated inside the key store (the private keys never leave it). The
// KV record `app/identity` names them once both exist; it is the commit point.
// A power cut between the two generations leaves a labelled key and no
// record: the next boot takes that key up again instead of making another,
// so the device ends with exactly one key of each kind and one DID.
import { decodeCbor } from '../../cbor/decode';
import { encodeCbor } from '../../cbor/encode';
import { TinydidError } from '../../errors/tinydid-error';
import { defaultAttributes } from '../../keys/attributes';
import type { KeyStore, KeyType, KeyUsage } from '../../keys/key-store';
import type { KvStore } from '../../storage/kv';

/** KV record holding the key store ids of the identity keys (CBOR {"sign": id, "agree": id}). */
export const IDENTITY_RECORD = 'app/identity';

/** Key labels, as the simulator's agents use them. */
export const SIGN_KEY_LABEL = 'did-authentication';
export const AGREE_KEY_LABEL = 'did-key-agreement';

export interface IdentityKeys {
  signKeyId: string;
  agreeKeyId: string;
  /** True on the boot that committed the identity record. */
  created: boolean;
}

function readRecord(bytes: Uint8Array): { sign: string; agree: string } {
  let value;
  try {
    value = decodeCbor(bytes, { maxDepth: 2 });
  } catch (cause) {
    throw new TinydidError('storage.corrupt', `${IDENTITY_RECORD} is not CBOR`, { cause });
  }
  const sign = value instanceof Map ? value.get('sign') : undefined;
  const agree = value instanceof Map ? value.get('agree') : undefined;
  if (typeof sign !== 'string' || typeof agree !== 'string') throw new TinydidError('storage.corrupt', `${IDENTITY_RECORD} does not name both keys`);
  return { sign, agree };
}

/** The labelled key of `type` left by an interrupted first boot, or a new one. */
function takeUpOrGenerate(store: KeyStore, type: KeyType, usage: KeyUsage, label: string): string {
  const left = store.list().find((info) => info.label === label && info.type === type && info.usage === usage && info.persistence === 'persistent');
  return left !== undefined ? left.id : store.generate(defaultAttributes(type, usage, label));
}

/** Loads the identity keys named by `app/identity`, or creates them (idempotent across power cuts). */
export function loadOrCreateIdentity(store: KeyStore, kv: KvStore): IdentityKeys {
  const saved = kv.get(IDENTITY_RECORD);
  if (saved !== undefined) {
    const { sign, agree } = readRecord(saved);
    return { signKeyId: sign, agreeKeyId: agree, created: false };
  }
  const signKeyId = takeUpOrGenerate(store, 'ed25519', 'sign', SIGN_KEY_LABEL);
  const agreeKeyId = takeUpOrGenerate(store, 'x25519', 'derive', AGREE_KEY_LABEL);
  kv.put(IDENTITY_RECORD, encodeCbor(new Map([['agree', agreeKeyId], ['sign', signKeyId]])));
  return { signKeyId, agreeKeyId, created: true };
}
