// Which COSE structure a message is, by its CBOR tag (RFC 9052 section 2),
// looking through a CWT tag (61, RFC 8392 section 6). tinydid implements
// COSE_Sign1, COSE_Sign, COSE_Encrypt0 and COSE_Encrypt; COSE_Mac and COSE_Mac0
// are refused with cose.unsupported.
import { decodeCbor } from '../cbor/decode';
import { CborTag } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { COSE_MAX_DEPTH, DEFAULT_COSE_LIMITS } from './limits';

/** COSE message tags (RFC 9052 section 2, table 1). */
export const COSE_MESSAGE_TAGS: ReadonlyMap<number, string> = new Map([
  [16, 'COSE_Encrypt0'],
  [96, 'COSE_Encrypt'],
  [18, 'COSE_Sign1'],
  [98, 'COSE_Sign'],
  [17, 'COSE_Mac0'],
  [97, 'COSE_Mac'],
]);

/** CWT tag (RFC 8392 section 6). */
export const CWT_TAG = 61;

const SUPPORTED = new Set([16, 96, 18, 98]);

export interface CoseMessageKind {
  tag: number;
  name: string;
  /** Wrapped in a CWT tag. */
  cwt: boolean;
  /** The message without the CWT tag (what verifySign1 / decrypt* take). */
  message: Uint8Array;
}

/** Names the structure of a tagged COSE message; cose.unsupported for the ones tinydid lacks. */
export function identifyCoseMessage(bytes: Uint8Array, maxMessage = DEFAULT_COSE_LIMITS.maxMessage): CoseMessageKind {
  if (!(bytes instanceof Uint8Array)) throw new TinydidError('cose.bad-argument', 'message must be a Uint8Array');
  let value = decodeCbor(bytes, { maxInput: maxMessage, maxDepth: COSE_MAX_DEPTH });
  let message = bytes;
  let cwt = false;
  if (value instanceof CborTag && value.tag === CWT_TAG) {
    cwt = true;
    value = value.value;
    // The CWT tag head is 2 bytes (0xd8 0x3d); the rest is the COSE message.
    message = bytes.subarray(2);
  }
  if (!(value instanceof CborTag)) throw new TinydidError('cose.malformed', 'untagged: the COSE structure must come from context');
  const name = COSE_MESSAGE_TAGS.get(value.tag);
  if (name === undefined) throw new TinydidError('cose.malformed', `tag ${value.tag} is not a COSE message tag`);
  if (!SUPPORTED.has(value.tag)) throw new TinydidError('cose.unsupported', `${name} (tag ${value.tag}) is not implemented`);
  return { tag: value.tag, name, cwt, message };
}
