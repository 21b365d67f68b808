import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { Clock } from '../../firmware/host/clock';
import { decodeFrame, encodeFrame } from '../../firmware/transport/frame';
import { FramedLink } from '../../firmware/transport/framed-link';
import { Fragmenter, fragmentMessage } from '../../firmware/transport/fragment';
import type { FrameChannel } from '../../firmware/transport/link';
import { Reassembler } from '../../firmware/transport/reassemble';
import { deepEqual, equal, ok, rejects, throws } from '../support/assert';

class FakeClock implements Clock {
  now = 1000;
  monotonicMs(): number {
    return this.now;
  }
  wallTimeMs(): number | undefined {
    return undefined;
  }
}

function pattern(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Two FrameChannels wired back to back; `deliver` may drop or reorder frames. */
function channelPair(mtu: number): { a: FrameChannel; b: FrameChannel; sizes: number[] } {
  const sizes: number[] = [];
  const handlers: Array<(f: Uint8Array) => void> = [() => undefined, () => undefined];
  const make = (me: number): FrameChannel => ({
    mtu,
    sendFrame: async (frame) => {
      sizes.push(frame.length);
      handlers[1 - me](frame.slice());
    },
    receiveFrames: (h) => {
      handlers[me] = h;
    },
    close: () => undefined,
  });
  return { a: make(0), b: make(1), sizes };
}

describe('transport: frame header', () => {
  it('encodes last flag, tag and a short index in one byte', () => {
    const f = encodeFrame({ last: true, tag: 2, index: 5 }, Uint8Array.of(9, 8));
    deepEqual(f, Uint8Array.of(0x80 | (2 << 5) | 5, 9, 8));
    const d = decodeFrame(f);
    deepEqual([d.last, d.tag, d.index], [true, 2, 5]);
    deepEqual(d.payload, Uint8Array.of(9, 8));
  });
  it('uses the 16-bit extended index from 31 and only there', () => {
    const f = encodeFrame({ last: false, tag: 1, index: 300 }, Uint8Array.of(7));
    deepEqual(f, Uint8Array.of(0x20 | 0x1f, 0x01, 0x2c, 7));
    equal(decodeFrame(f).index, 300);
    equal(encodeFrame({ last: false, tag: 0, index: 30 }, Uint8Array.of(7)).length, 2);
    equal(encodeFrame({ last: false, tag: 0, index: 31 }, Uint8Array.of(7)).length, 4);
    throws(() => decodeFrame(Uint8Array.of(0x1f, 0x00, 0x1e, 1)), 'transport.bad-frame', 'non-shortest index');
    throws(() => decodeFrame(Uint8Array.of(0x1f, 0x00)), 'transport.bad-frame', 'truncated index');
  });
  it('rejects empty frames and payload-less frames except an empty one-frame message', () => {
    throws(() => decodeFrame(new Uint8Array(0)), 'transport.bad-frame');
    throws(() => decodeFrame(Uint8Array.of(0x01)), 'transport.bad-frame');
    throws(() => decodeFrame(Uint8Array.of(0x00)), 'transport.bad-frame');
    equal(decodeFrame(Uint8Array.of(0x80)).payload.length, 0);
    throws(() => encodeFrame({ last: true, tag: 4, index: 0 }, new Uint8Array(1)), 'transport.bad-argument');
    throws(() => encodeFrame({ last: true, tag: 0, index: 0x10000 }, new Uint8Array(1)), 'transport.bad-argument');
  });
});

describe('transport: fragmenting', () => {
  it('a 243-byte message is one 244-byte frame (one BLE 5 notification)', () => {
    const frames = fragmentMessage(pattern(243), 244, 0);
    equal(frames.length, 1);
    equal(frames[0].length, 244);
    equal(frames[0][0], 0x80);
  });
  it('cuts to the MTU, never over it, and the frames carry the message in order', () => {
    const message = pattern(1000);
    for (const mtu of [4, 20, 23, 185, 244]) {
      const frames = fragmentMessage(message, mtu, 3);
      ok(frames.every((f) => f.length <= mtu), `mtu ${mtu}`);
      ok(frames.slice(0, -1).every((f) => f.length === mtu), `full frames at mtu ${mtu}`);
      const parts = frames.map(decodeFrame);
      ok(parts.every((p, i) => p.index === i && p.tag === 3 && p.last === (i === frames.length - 1)));
      let total = 0;
      for (const p of parts) total += p.payload.length;
      equal(total, 1000);
    }
    equal(fragmentMessage(message, 20, 0).length, 56); // 31 frames of 19 bytes (589), then 25 of 17 (425): 1014 >= 1000
  });
  it('an empty message is one header-only frame', () => {
    deepEqual(fragmentMessage(new Uint8Array(0), 20, 1), [Uint8Array.of(0x80 | 0x20)]);
  });
  it('refuses bad MTUs and messages over the limit', () => {
    throws(() => fragmentMessage(pattern(10), 3, 0), 'transport.bad-argument');
    throws(() => fragmentMessage(pattern(10), 20.5, 0), 'transport.bad-argument');
    throws(() => fragmentMessage(pattern(100), 20, 0, 99), 'transport.too-large');
    throws(() => fragmentMessage(pattern(70000), 4, 0), 'transport.too-large');
  });
  it('gives successive messages the tags 0, 1, 2, 3, 0', () => {
    const f = new Fragmenter(20);
    const tags = [0, 1, 2, 3, 4].map(() => decodeFrame(f.frames(pattern(5))[0]).tag);
    deepEqual(tags, [0, 1, 2, 3, 0]);
  });
});

describe('transport: reassembly', () => {
  it('restores a message from frames in any order, and interleaved messages', () => {
    const clock = new FakeClock();
    const r = new Reassembler(clock);
    const m1 = pattern(500, 1);
    const m2 = pattern(77, 2);
    const f1 = fragmentMessage(m1, 23, 0);
    const f2 = fragmentMessage(m2, 23, 1);
    const order = [...f1].reverse();
    order.splice(3, 0, ...f2);
    const out: Uint8Array[] = [];
    for (const f of order) {
      const m = r.push(f);
      if (m) out.push(m);
    }
    deepEqual(out, [m2, m1]);
    equal(r.pending(), 0);
    equal(r.buffered(), 0);
  });
  it('ignores an identical repeated frame but rejects a conflicting one', () => {
    const r = new Reassembler(new FakeClock());
    const frames = fragmentMessage(pattern(60), 20, 0);
    equal(r.push(frames[0]), undefined);
    equal(r.push(frames[0]), undefined);
    equal(r.push(frames[1]), undefined);
    const evil = frames[1].slice();
    evil[5] ^= 1;
    throws(() => r.push(evil), 'transport.conflict');
    equal(r.pending(), 0, 'the message was dropped');
  });
  it('rejects contradicting last frames and frames past the end', () => {
    const r = new Reassembler(new FakeClock());
    r.push(encodeFrame({ last: false, tag: 0, index: 0 }, pattern(3)));
    r.push(encodeFrame({ last: true, tag: 0, index: 2 }, pattern(3)));
    throws(() => r.push(encodeFrame({ last: false, tag: 0, index: 3 }, pattern(3))), 'transport.bad-frame');
    r.push(encodeFrame({ last: false, tag: 1, index: 5 }, pattern(3)));
    throws(() => r.push(encodeFrame({ last: true, tag: 1, index: 4 }, pattern(3))), 'transport.bad-frame');
    r.push(encodeFrame({ last: true, tag: 2, index: 1 }, pattern(3)));
    throws(() => r.push(encodeFrame({ last: true, tag: 2, index: 2 }, pattern(3))), 'transport.bad-frame');
    equal(r.pending(), 0);
  });
  it('bounds one message and all partial messages', () => {
    const r = new Reassembler(new FakeClock(), { maxMessageBytes: 100, maxBufferedBytes: 150 });
    const big = fragmentMessage(pattern(101), 20, 0);
    let error: unknown;
    try {
      for (const f of big) r.push(f);
    } catch (e) {
      error = e;
    }
    ok(error instanceof TinydidError && error.code === 'transport.too-large', 'one message over maxMessageBytes');
    equal(r.pending(), 0);
    // Two partial messages of 80 bytes each exceed the 150-byte buffer.
    const a = fragmentMessage(pattern(90), 20, 1).slice(0, 4);
    const b = fragmentMessage(pattern(90), 20, 2).slice(0, 4);
    for (const f of a) r.push(f);
    for (const f of b.slice(0, 3)) r.push(f);
    throws(() => r.push(b[3]), 'transport.too-large');
    equal(r.buffered(), 76);
    throws(() => new Reassembler(new FakeClock(), { timeoutMs: 0 }), 'transport.bad-argument');
  });
  it('drops a message whose frames stop coming, using the Clock seam', () => {
    const clock = new FakeClock();
    const r = new Reassembler(clock, { timeoutMs: 500 });
    const frames = fragmentMessage(pattern(100), 20, 0);
    r.push(frames[0]);
    clock.now += 400;
    r.push(frames[1]);
    clock.now += 400; // 400 ms since the last frame: still alive
    deepEqual(r.expire(), []);
    r.push(frames[2]);
    clock.now += 501;
    throws(() => r.push(frames[3]), 'transport.timeout', 'a late frame of its own message');
    equal(r.pending(), 0);
    r.push(frames[0]);
    clock.now += 501;
    const dropped = r.expire();
    equal(dropped.length, 1);
    equal(dropped[0].code, 'transport.timeout');
    equal(r.pending(), 0);
  });
  it('a new message with the tag of a stuck one replaces it', () => {
    const r = new Reassembler(new FakeClock());
    const old = fragmentMessage(pattern(60, 1), 20, 0);
    r.push(old[0]);
    const fresh = pattern(30, 2);
    const frames = fragmentMessage(fresh, 20, 0);
    equal(r.push(frames[0]), undefined);
    deepEqual(r.push(frames[1]), fresh);
  });
});

describe('transport: FramedLink', () => {
  it('carries whole messages both ways over a 20-byte MTU', async () => {
    const { a, b, sizes } = channelPair(20);
    const clock = new FakeClock();
    const left = new FramedLink(a, clock);
    const right = new FramedLink(b, clock);
    const atRight: Uint8Array[] = [];
    const atLeft: Uint8Array[] = [];
    right.receive({ message: (m) => atRight.push(m) });
    left.receive({ message: (m) => atLeft.push(m) });
    const m1 = pattern(240, 7);
    const m2 = pattern(3, 8);
    await Promise.all([left.send(m1), left.send(m2), right.send(m2)]);
    deepEqual(atRight, [m1, m2]);
    deepEqual(atLeft, [m2]);
    ok(sizes.every((s) => s <= 20));
    equal(sizes.length, Math.ceil(240 / 19) + 2);
  });
  it('reports a lost frame as a timeout and still delivers the next message', async () => {
    const clock = new FakeClock();
    let dropNext = false;
    let deliver: (f: Uint8Array) => void = () => undefined;
    const lossy: FrameChannel = {
      mtu: 20,
      sendFrame: async (f) => {
        if (dropNext) dropNext = false;
        else deliver(f);
      },
      receiveFrames: (h) => {
        deliver = h;
      },
      close: () => undefined,
    };
    const link = new FramedLink(lossy, clock, { timeoutMs: 1000 });
    const got: Uint8Array[] = [];
    const errors: string[] = [];
    link.receive({ message: (m) => got.push(m), error: (e) => errors.push(e.code) });
    dropNext = true;
    await link.send(pattern(50, 1));
    equal(got.length, 0);
    clock.now += 1001;
    link.expire();
    deepEqual(errors, ['transport.timeout']);
    const next = pattern(50, 2);
    await link.send(next);
    deepEqual(got, [next]);
  });
  it('rejects sends after close and messages over the limit', async () => {
    const { a } = channelPair(20);
    const link = new FramedLink(a, new FakeClock(), { maxMessageBytes: 64 });
    await rejects(link.send(pattern(65)), 'transport.too-large');
    link.close();
    await rejects(link.send(pattern(5)), 'transport.closed');
  });
});
