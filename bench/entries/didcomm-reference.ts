// The reference implementation (npm didcomm-node, the WASM build of
// didcomm-rust) driven over the same two agents and the same plaintext as
// tinydid's reading pair, for side-by-side figures.
import didcomm from 'didcomm-node';
import type { Message as TinydidMessage } from '../../firmware/didcomm/message';
import { messageToJson } from '../../firmware/didcomm/message-json';
import type { ReadingPair } from '../../firmware/didcomm/reading-pair';

export interface Reference {
  /** Pack the message as JSON authcrypt (ECDH-1PU+A256KW, A256CBC-HS512), no forward. */
  packAuthcrypt(message: TinydidMessage): Promise<string>;
  packAnoncrypt(message: TinydidMessage): Promise<string>;
  packSigned(message: TinydidMessage): Promise<string>;
  packPlaintext(message: TinydidMessage): Promise<string>;
  unpack(packed: string): Promise<unknown>;
}

export function reference(pair: ReadingPair): Reference {
  const docs = new Map<string, unknown>([
    [pair.meter.did, pair.meter.didDocument],
    [pair.phone.did, pair.phone.didDocument],
  ]);
  const secrets = [...pair.meter.secrets, ...pair.phone.secrets];
  const resolver = { resolve: async (did: string) => (docs.get(did) ?? null) as never };
  const secretsResolver = {
    get_secret: async (id: string) => (secrets.find((s) => s.id === id) ?? null) as never,
    find_secrets: async (ids: string[]) => ids.filter((id) => secrets.some((s) => s.id === id)),
  };
  const toRef = (m: TinydidMessage) => new didcomm.Message(messageToJson(m) as never);
  const to = pair.phone.did;
  const from = pair.meter.did;
  return {
    packAuthcrypt: async (m) => (await toRef(m).pack_encrypted(to, from, null, resolver, secretsResolver, { forward: false }))[0],
    packAnoncrypt: async (m) => (await toRef(m).pack_encrypted(to, null, null, resolver, secretsResolver, { forward: false }))[0],
    packSigned: async (m) => (await toRef(m).pack_signed(from, resolver, secretsResolver))[0],
    packPlaintext: async (m) => toRef(m).pack_plaintext(resolver),
    unpack: async (packed) => (await didcomm.Message.unpack(packed, resolver, secretsResolver, {}))[0],
  };
}
