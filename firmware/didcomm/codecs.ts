import { TinydidError } from '../errors/tinydid-error';
import { COMPACT_CODEC } from './compact/codec';
import { packJson } from './json/pack';
import { unpackJson } from './json/unpack';
import type { Message } from './message';
import type { Encoding, PackOptions, PackResult, UnpackOptions, UnpackResult } from './types';

/**
 * One encoding of the message model (DESIGN section 4) behind one face, so a
 * caller (the CLI, the bench, a gateway) picks it by name. The JSON codec is
 * the standard DIDComm v2 one; the compact CBOR/COSE codec registers here too.
 */
export interface DidcommCodec {
  readonly encoding: Encoding;
  pack(message: Message, options: PackOptions): PackResult;
  unpack(packed: Uint8Array, options: UnpackOptions): UnpackResult;
  /** True when `packed` looks like this encoding (first byte), for unpack without --encoding. */
  recognizes(packed: Uint8Array): boolean;
}

function firstNonSpace(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09 && bytes[i] !== 0x0a && bytes[i] !== 0x0d) return bytes[i];
  return -1;
}

export const JSON_CODEC: DidcommCodec = Object.freeze({
  encoding: 'json' as const,
  pack: packJson,
  unpack: unpackJson,
  // RFC 8259: a DIDComm JSON message is an object.
  recognizes: (packed: Uint8Array) => firstNonSpace(packed) === 0x7b,
});

/** The registry: encoding name -> codec. */
export type CodecRegistry = Readonly<Partial<Record<Encoding, DidcommCodec>>>;

export const CODECS: CodecRegistry = Object.freeze({ json: JSON_CODEC, cbor: COMPACT_CODEC });

/** The codec for `encoding`; throws `didcomm.bad-option` when none is registered. */
export function codecFor(encoding: Encoding, registry: CodecRegistry = CODECS): DidcommCodec {
  const codec = registry[encoding];
  if (codec === undefined) throw new TinydidError('didcomm.bad-option', `no ${encoding} codec is registered`);
  return codec;
}

/** The codec whose encoding `packed` is in; throws `didcomm.malformed`. */
export function detectCodec(packed: Uint8Array, registry: CodecRegistry = CODECS): DidcommCodec {
  for (const codec of Object.values(registry)) if (codec !== undefined && codec.recognizes(packed)) return codec;
  throw new TinydidError('didcomm.malformed', 'the message is in no encoding this agent reads');
}
