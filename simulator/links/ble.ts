// Simulated BLE: a GATT characteristic between a device and a phone, with its
// MTU, latency, per-packet loss and reordering. Each side is the firmware's
// own FramedLink (firmware/transport) over a simulated FrameChannel, so the
// frames counted here are the frames a device would send.
//
// Model (stated so figures can be read): a message waits for the next
// connection event (`intervalMs`), then its packets go out at `packetMs`
// each. A packet is lost with probability `loss`; the link layer repeats it
// at the next connection event (BLE acknowledges every PDU), at most
// `linkRetries` times, and each repeat counts as a packet on air. Frames of a
// message may be reordered (`reorder`, the chance that two adjacent frames
// swap). A message that still does not arrive whole is repeated by the
// sender after `retryMs` (the receiving agent's acknowledgement never came),
// at most `maxAttempts` times.
import { decodeFrame } from '../../firmware/transport/frame';
import { FramedLink } from '../../firmware/transport/framed-link';
import type { FrameChannel } from '../../firmware/transport/link';
import type { VirtualClock } from '../clock';
import type { SeededRandom } from '../random';
import type { SimLink, Transfer } from './sim-link';

export interface BleOptions {
  /** Payload bytes per packet: ATT_MTU - 3 (BLE 4.2+ data length extension, ATT_MTU 247). */
  mtu: number;
  intervalMs: number;
  packetMs: number;
  loss: number;
  reorder: number;
  retryMs: number;
  maxAttempts: number;
  /** Link-layer repeats of a lost packet before it is given up. */
  linkRetries: number;
}

export const DEFAULT_BLE: Readonly<BleOptions> = Object.freeze({ mtu: 244, intervalMs: 15, packetMs: 1, loss: 0, reorder: 0, retryMs: 2000, maxAttempts: 5, linkRetries: 3 });

/** One direction of the air: frames queued by the sender, released (maybe lost, maybe reordered) at the end of a message. */
class AirChannel implements FrameChannel {
  readonly mtu: number;
  peer: AirChannel | undefined;
  #handler: ((frame: Uint8Array) => void) | undefined;
  #queue: Uint8Array[] = [];
  readonly #air: BleAir;

  constructor(mtu: number, air: BleAir) {
    this.mtu = mtu;
    this.#air = air;
  }

  async sendFrame(frame: Uint8Array): Promise<void> {
    this.#air.packets++;
    this.#air.wireBytes += frame.length;
    this.#queue.push(frame.slice());
    // The frame header says when a message is complete: then the burst goes on air.
    if (decodeFrame(frame).last) this.#flush();
  }

  #flush(): void {
    const frames = this.#queue;
    this.#queue = [];
    const rng = this.#air.rng;
    for (let i = 0; i + 1 < frames.length; i++) {
      if (rng.chance(this.#air.options.reorder)) [frames[i], frames[i + 1]] = [frames[i + 1], frames[i]];
    }
    const { loss, linkRetries } = this.#air.options;
    for (const frame of frames) {
      // The link layer acknowledges every packet and repeats a lost one at the
      // next connection event, up to `linkRetries` times; then the packet is gone.
      let delivered = false;
      for (let attempt = 0; attempt <= linkRetries; attempt++) {
        if (attempt > 0) {
          this.#air.packets++;
          this.#air.wireBytes += frame.length;
          this.#air.retryEvents++;
        }
        if (!rng.chance(loss)) {
          delivered = true;
          break;
        }
        this.#air.lost++;
      }
      if (delivered) this.peer?.deliver(frame);
    }
  }

  /** A frame arriving from the other end. */
  deliver(frame: Uint8Array): void {
    this.#handler?.(frame);
  }

  receiveFrames(handler: (frame: Uint8Array) => void): void {
    this.#handler = handler;
  }

  close(): void {
    this.#handler = undefined;
  }
}

interface BleAir {
  rng: SeededRandom;
  options: BleOptions;
  packets: number;
  wireBytes: number;
  lost: number;
  /** Connection events spent repeating lost packets. */
  retryEvents: number;
}

interface Side {
  link: FramedLink;
  inbox: Uint8Array[];
}

/**
 * A BLE connection between named agents. Each agent pair gets its own pair
 * of FramedLinks (a GATT connection each), created on first use with the
 * agents' device clocks.
 */
export class BleLink implements SimLink {
  readonly kind = 'ble';
  readonly label = 'ble';
  readonly options: BleOptions;
  readonly #clock: VirtualClock;
  readonly #air: BleAir;
  readonly #sides = new Map<string, Side>();
  /** Frames lost on air over the link's life. */
  get lostPackets(): number {
    return this.#air.lost;
  }

  constructor(clock: VirtualClock, rng: SeededRandom, options: Partial<BleOptions> = {}) {
    this.#clock = clock;
    this.options = Object.freeze({ ...DEFAULT_BLE, ...options });
    this.#air = { rng, options: this.options, packets: 0, wireBytes: 0, lost: 0, retryEvents: 0 };
  }

  #connect(a: string, b: string): void {
    const key = `${a}\u0000${b}`;
    if (this.#sides.has(key)) return;
    const ab = new AirChannel(this.options.mtu, this.#air);
    const ba = new AirChannel(this.options.mtu, this.#air);
    ab.peer = ba;
    ba.peer = ab;
    // The two ends of the GATT connection, each with the framing a device runs.
    const deviceClock = this.#clock.deviceClock();
    const sideA: Side = { link: new FramedLink(ab, deviceClock), inbox: [] };
    const sideB: Side = { link: new FramedLink(ba, deviceClock), inbox: [] };
    sideA.link.receive({ message: (m) => sideA.inbox.push(m) });
    sideB.link.receive({ message: (m) => sideB.inbox.push(m) });
    this.#sides.set(`${a}\u0000${b}`, sideA);
    this.#sides.set(`${b}\u0000${a}`, sideB);
  }

  async transfer(from: string, to: string, message: Uint8Array): Promise<Transfer> {
    this.#connect(from, to);
    const sender = this.#sides.get(`${from}\u0000${to}`) as Side;
    const receiver = this.#sides.get(`${to}\u0000${from}`) as Side;
    const startPackets = this.#air.packets;
    const startWire = this.#air.wireBytes;
    const start = this.#clock.now();
    let attempts = 0;
    let received: Uint8Array | undefined;
    while (attempts < this.options.maxAttempts && received === undefined) {
      if (attempts > 0) this.#clock.advance(this.options.retryMs);
      attempts++;
      const before = this.#air.packets;
      const retriesBefore = this.#air.retryEvents;
      await sender.link.send(message);
      this.#clock.advance(this.options.intervalMs * (1 + this.#air.retryEvents - retriesBefore) + (this.#air.packets - before) * this.options.packetMs);
      received = receiver.inbox.shift();
    }
    return {
      received,
      bytes: message.length,
      packets: this.#air.packets - startPackets,
      wireBytes: this.#air.wireBytes - startWire,
      attempts,
      ms: this.#clock.now() - start,
    };
  }

  async close(): Promise<void> {
    for (const side of this.#sides.values()) side.link.close();
    this.#sides.clear();
  }
}
