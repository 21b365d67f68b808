/**
 * A Link over a FrameChannel: messages are cut to the channel's MTU on the way
 * out and put back together on the way in (README.md for the frame format).
 */
import { assertBytes } from '../bytes/check';
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import type { Clock } from '../host/clock';
import { Fragmenter } from './fragment';
import { DEFAULT_FRAMING_LIMITS, type FramingLimits } from './limits';
import type { FrameChannel, Link, LinkReceiver } from './link';
import { Reassembler } from './reassemble';

export class FramedLink implements Link {
  readonly maxMessageBytes: number;
  private readonly channel: FrameChannel;
  private readonly fragmenter: Fragmenter;
  private readonly reassembler: Reassembler;
  private receiver: LinkReceiver | undefined;
  private closed = false;
  /** Frames of one message go out back to back, in order. */
  private sending: Promise<void> = Promise.resolve();

  constructor(channel: FrameChannel, clock: Clock, limits: Partial<FramingLimits> = {}) {
    this.channel = channel;
    this.maxMessageBytes = limits.maxMessageBytes ?? DEFAULT_FRAMING_LIMITS.maxMessageBytes;
    this.fragmenter = new Fragmenter(channel.mtu, this.maxMessageBytes);
    this.reassembler = new Reassembler(clock, limits);
    channel.receiveFrames((frame) => this.onFrame(frame));
  }

  send(message: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new TinydidError('transport.closed', 'send on a closed link'));
    let frames: Uint8Array[];
    try {
      frames = this.fragmenter.frames(assertBytes(message, 'FramedLink.send'));
    } catch (error) {
      return Promise.reject(error);
    }
    const run = async (): Promise<void> => {
      for (const frame of frames) {
        if (this.closed) throw new TinydidError('transport.closed', 'link closed while sending');
        await this.channel.sendFrame(frame);
      }
    };
    const done = this.sending.then(run, run);
    this.sending = done.catch(() => undefined);
    return done;
  }

  receive(receiver: LinkReceiver): void {
    this.receiver = receiver;
  }

  /** Reports partial messages that timed out; a host may call it from a timer. */
  expire(): void {
    for (const error of this.reassembler.expire()) this.receiver?.error?.(error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reassembler.clear();
    this.channel.close();
  }

  private onFrame(frame: Uint8Array): void {
    if (this.closed) return;
    this.expire();
    let message: Uint8Array | undefined;
    try {
      message = this.reassembler.push(frame);
    } catch (error) {
      if (isTinydidError(error)) {
        this.receiver?.error?.(error);
        return;
      }
      throw error;
    }
    if (message !== undefined) this.receiver?.message(message);
  }
}
