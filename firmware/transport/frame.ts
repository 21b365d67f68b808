/**
 * The frame format of tinydid's small-MTU links (firmware/transport/README.md).
 *
 *   frame  = header payload
 *   header = byte0 [index16]
 *   byte0  = L T T I I I I I
 *     L (0x80)      this frame is the last frame of its message
 *     TT (0x60)     message tag: the sender's message counter mod 4, so that
 *                   frames of up to four messages in flight can be told apart
 *     IIIII (0x1f)  frame index 0..30 within the message; 31 means the index
 *                   follows as a 16-bit big-endian integer (31..65535)
 *
 * A message of one frame costs one byte of header. Indexes let the receiver
 * put frames back in order; the last frame says how many there are.
 */
import { TinydidError } from '../errors/tinydid-error';
import { MAX_FRAME_INDEX, TAG_COUNT } from './limits';

const LAST = 0x80;
const EXTENDED = 0x1f;

export interface FrameHeader {
  last: boolean;
  tag: number;
  index: number;
}

export interface Frame extends FrameHeader {
  payload: Uint8Array;
}

/** Bytes the header of frame `index` takes. */
export function headerLength(index: number): number {
  return index < EXTENDED ? 1 : 3;
}

/** One frame: header and payload. */
export function encodeFrame(header: FrameHeader, payload: Uint8Array): Uint8Array {
  const { last, tag, index } = header;
  if (!Number.isInteger(tag) || tag < 0 || tag >= TAG_COUNT || !Number.isInteger(index) || index < 0 || index > MAX_FRAME_INDEX) {
    throw new TinydidError('transport.bad-argument', `frame tag ${tag} / index ${index} out of range`);
  }
  const head = headerLength(index);
  const out = new Uint8Array(head + payload.length);
  out[0] = (last ? LAST : 0) | (tag << 5) | (index < EXTENDED ? index : EXTENDED);
  if (head === 3) {
    out[1] = index >> 8;
    out[2] = index & 0xff;
  }
  out.set(payload, head);
  return out;
}

/**
 * Parses one frame from untrusted bytes. Strict: the extended index is used
 * only for indexes of 31 and above (one encoding per header), and only a
 * one-frame message (index 0, last) may have an empty payload.
 * Throws `transport.bad-frame`.
 */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new TinydidError('transport.bad-frame', 'empty frame');
  const b0 = bytes[0];
  const last = (b0 & LAST) !== 0;
  const tag = (b0 >> 5) & 3;
  let index = b0 & EXTENDED;
  let head = 1;
  if (index === EXTENDED) {
    if (bytes.length < 3) throw new TinydidError('transport.bad-frame', 'frame ends inside its extended index');
    index = (bytes[1] << 8) | bytes[2];
    if (index < EXTENDED) throw new TinydidError('transport.bad-frame', `extended index ${index} below 31`);
    head = 3;
  }
  const payload = bytes.subarray(head);
  if (payload.length === 0 && !(last && index === 0)) {
    throw new TinydidError('transport.bad-frame', `frame ${index} has no payload`);
  }
  return { last, tag, index, payload };
}
