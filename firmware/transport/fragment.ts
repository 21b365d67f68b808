/**
 * Sender side of the framing (README.md): cuts a whole message into frames of
 * at most `mtu` bytes, each with its header, and numbers messages with a
 * rolling two-bit tag.
 */
import { assertBytes } from '../bytes/check';
import { TinydidError } from '../errors/tinydid-error';
import { encodeFrame, headerLength } from './frame';
import { MAX_FRAME_INDEX, MIN_MTU, TAG_COUNT } from './limits';

/** Checks an MTU (the payload a link carries per packet, e.g. ATT_MTU - 3 on BLE). */
export function assertMtu(mtu: number): number {
  if (!Number.isInteger(mtu) || mtu < MIN_MTU || mtu > 0x10000) {
    throw new TinydidError('transport.bad-argument', `MTU must be an integer from ${MIN_MTU} to 65536, got ${mtu}`);
  }
  return mtu;
}

/**
 * The frames of `message` with tag `tag`, each at most `mtu` bytes. An empty
 * message is one header-only frame. Throws `transport.too-large` when the
 * message needs more than 65536 frames, or exceeds `maxMessageBytes`.
 */
export function fragmentMessage(message: Uint8Array, mtu: number, tag: number, maxMessageBytes = Infinity): Uint8Array[] {
  assertBytes(message, 'fragmentMessage message');
  assertMtu(mtu);
  if (message.length > maxMessageBytes) {
    throw new TinydidError('transport.too-large', `message of ${message.length} bytes exceeds the link limit of ${maxMessageBytes}`);
  }
  const frames: Uint8Array[] = [];
  let offset = 0;
  let index = 0;
  do {
    if (index > MAX_FRAME_INDEX) {
      throw new TinydidError('transport.too-large', `message of ${message.length} bytes needs more than ${MAX_FRAME_INDEX + 1} frames of ${mtu} bytes`);
    }
    const room = mtu - headerLength(index);
    const end = Math.min(message.length, offset + room);
    frames.push(encodeFrame({ last: end === message.length, tag, index }, message.subarray(offset, end)));
    offset = end;
    index++;
  } while (offset < message.length);
  return frames;
}

/** Cuts successive messages into frames, giving each the next tag (mod 4). */
export class Fragmenter {
  private nextTag = 0;
  readonly mtu: number;
  readonly maxMessageBytes: number;

  constructor(mtu: number, maxMessageBytes = Infinity) {
    this.mtu = assertMtu(mtu);
    this.maxMessageBytes = maxMessageBytes;
  }

  frames(message: Uint8Array): Uint8Array[] {
    const frames = fragmentMessage(message, this.mtu, this.nextTag, this.maxMessageBytes);
    this.nextTag = (this.nextTag + 1) % TAG_COUNT;
    return frames;
  }
}
