/**
 * Receiver side of the framing (README.md): puts frames back together into
 * whole messages. Frames of one message may arrive in any order; frames of up
 * to four messages (one per tag) may interleave. Hostile or lossy input is
 * bounded: each message by `maxMessageBytes`, all partial messages together by
 * `maxBufferedBytes`, and a partial message silent for `timeoutMs` (Clock
 * seam, monotonic time) is dropped. Firmware has no timers: the reassembler
 * expires stale messages whenever a frame arrives, and the host may call
 * `expire()` from its own timer.
 *
 * A broken message is dropped whole and reported once with a typed error;
 * the reassembler stays usable for the next one.
 */
import { constantTimeEqual } from '../bytes/equal';
import { TinydidError } from '../errors/tinydid-error';
import type { Clock } from '../host/clock';
import { decodeFrame } from './frame';
import { DEFAULT_FRAMING_LIMITS, type FramingLimits } from './limits';

interface PartialMessage {
  frames: Map<number, Uint8Array>;
  bytes: number;
  /** Index of the last frame once it has arrived, else -1. */
  lastIndex: number;
  touchedMs: number;
}

export class Reassembler {
  private readonly clock: Clock;
  private readonly limits: Readonly<FramingLimits>;
  private readonly partials = new Map<number, PartialMessage>();

  constructor(clock: Clock, limits: Partial<FramingLimits> = {}) {
    this.clock = clock;
    this.limits = Object.freeze({ ...DEFAULT_FRAMING_LIMITS, ...limits });
    const { maxMessageBytes, maxBufferedBytes, timeoutMs } = this.limits;
    for (const [name, v] of [['maxMessageBytes', maxMessageBytes], ['maxBufferedBytes', maxBufferedBytes], ['timeoutMs', timeoutMs]] as const) {
      if (!(typeof v === 'number' && v > 0)) throw new TinydidError('transport.bad-argument', `${name} must be a positive number, got ${v}`);
    }
  }

  /** Bytes held by partial messages. */
  buffered(): number {
    let total = 0;
    for (const p of this.partials.values()) total += p.bytes;
    return total;
  }

  /** Number of partial messages held. */
  pending(): number {
    return this.partials.size;
  }

  /**
   * Drops every partial message silent for longer than `timeoutMs` and returns
   * a `transport.timeout` error for each (to report, not to throw).
   */
  expire(): TinydidError[] {
    const now = this.clock.monotonicMs();
    const dropped: TinydidError[] = [];
    for (const [tag, p] of [...this.partials]) {
      if (now - p.touchedMs > this.limits.timeoutMs) {
        this.partials.delete(tag);
        dropped.push(new TinydidError('transport.timeout', `message ${tag} incomplete after ${this.limits.timeoutMs} ms (${p.frames.size} frames, ${p.bytes} bytes)`));
      }
    }
    return dropped;
  }

  /**
   * Takes one frame. Returns the whole message when this frame completes one,
   * else undefined. Throws `transport.bad-frame`, `transport.too-large`,
   * `transport.conflict` or `transport.timeout` (the frame's own message had
   * gone stale); the message concerned is dropped. Stale messages of other
   * tags are dropped silently here; call expire() to hear about them.
   */
  push(bytes: Uint8Array): Uint8Array | undefined {
    const frame = decodeFrame(bytes);
    const now = this.clock.monotonicMs();
    const own = this.partials.get(frame.tag);
    if (own !== undefined && now - own.touchedMs > this.limits.timeoutMs) {
      this.partials.delete(frame.tag);
      throw new TinydidError('transport.timeout', `message ${frame.tag} incomplete after ${this.limits.timeoutMs} ms; frame ${frame.index} came too late`);
    }
    this.expire();

    let p = this.partials.get(frame.tag);
    const known = p?.frames.get(frame.index);
    if (p !== undefined && known !== undefined) {
      if (constantTimeEqual(known, frame.payload) && frame.last === (p.lastIndex === frame.index)) {
        p.touchedMs = now;
        return undefined; // a repeated frame: ignore
      }
      if (frame.index === 0) {
        // A new message with a tag still in use: the old one lost frames.
        this.partials.delete(frame.tag);
        p = undefined;
      } else {
        this.partials.delete(frame.tag);
      throw new TinydidError('transport.conflict', `frame ${frame.index} of message ${frame.tag} arrived twice with different contents`);
      }
    }

    if (p === undefined) {
      p = { frames: new Map(), bytes: 0, lastIndex: -1, touchedMs: now };
      this.partials.set(frame.tag, p);
    }
    if (frame.last) {
      if (p.lastIndex >= 0 && p.lastIndex !== frame.index) {
        this.partials.delete(frame.tag);
      throw new TinydidError('transport.bad-frame', `message ${frame.tag} has two last frames (${p.lastIndex} and ${frame.index})`);
      }
      for (const i of p.frames.keys()) {
        if (i > frame.index) {
          this.partials.delete(frame.tag);
          throw new TinydidError('transport.bad-frame', `message ${frame.tag} has frame ${i} after its last frame ${frame.index}`);
        }
      }
      p.lastIndex = frame.index;
    } else if (p.lastIndex >= 0 && frame.index > p.lastIndex) {
      this.partials.delete(frame.tag);
      throw new TinydidError('transport.bad-frame', `frame ${frame.index} of message ${frame.tag} after its last frame ${p.lastIndex}`);
    }

    if (p.bytes + frame.payload.length > this.limits.maxMessageBytes) {
      this.partials.delete(frame.tag);
      throw new TinydidError('transport.too-large', `message ${frame.tag} exceeds ${this.limits.maxMessageBytes} bytes`);
    }
    if (this.buffered() + frame.payload.length > this.limits.maxBufferedBytes) {
      this.partials.delete(frame.tag);
      throw new TinydidError('transport.too-large', `partial messages exceed ${this.limits.maxBufferedBytes} bytes`);
    }
    // Copy: the link may reuse its receive buffer.
    p.frames.set(frame.index, frame.payload.slice());
    p.bytes += frame.payload.length;
    p.touchedMs = now;

    if (p.lastIndex < 0 || p.frames.size !== p.lastIndex + 1) return undefined;
    this.partials.delete(frame.tag);
    const message = new Uint8Array(p.bytes);
    let offset = 0;
    for (let i = 0; i <= p.lastIndex; i++) {
      const part = p.frames.get(i) as Uint8Array;
      message.set(part, offset);
      offset += part.length;
    }
    return message;
  }

  /** Drops every partial message (link reset or closed). */
  clear(): void {
    this.partials.clear();
  }
}
