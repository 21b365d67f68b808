// Benchmark kernel for issue item 9 (portable: bench code on Node and on XS
// calls it with its own clock): the streaming verification pass of an image
// delivered in chunks through the update session (slot write + running
// SHA-256 + the digest check) against one plain SHA-256 pass over the same
// bytes with the same crypto suite, in the same run; the read-back re-hash
// before activation is a second pass by design and is timed on its own.
// Each figure is the fastest of the measured rounds, the passes alternating
// in order, so that load on the machine does not decide the ratio.
import type { CryptoSuite } from '../crypto/suite';
import { COSE_SHA256 } from './labels';
import { MemorySlots } from './memory-slot';
import type { InstallPlan } from './plan';
import { UpdateSession } from './session';
import type { UpdateKv } from './state';

export interface StreamingBenchOptions {
  readonly suite: CryptoSuite;
  /** Milliseconds from any monotonic clock (performance.now on Node and xsnap). */
  readonly now: () => number;
  /** Image bytes (default 1 MiB). */
  readonly size?: number;
  /** Chunk bytes, as a download delivers them (default 4 KiB). */
  readonly chunk?: number;
  /** Measured rounds; each figure is the fastest round (default 5). */
  readonly rounds?: number;
  /** Unmeasured rounds first, for engines that compile hot code (default 1). */
  readonly warmup?: number;
}

export interface StreamingBenchResult {
  readonly size: number;
  readonly chunk: number;
  readonly rounds: number;
  /** Streaming pass through the session: writes + hashing + size and digest check (ms). */
  readonly streamMs: number;
  /** One plain SHA-256 over the same bytes, same suite (ms). */
  readonly plainMs: number;
  /** Read back from the slot and hash again (ms). */
  readonly readBackMs: number;
  /** streamMs / plainMs (target: at most 1.10). */
  readonly ratio: number;
  /** readBackMs / plainMs. */
  readonly readBackRatio: number;
}

class NullKv implements UpdateKv {
  get(): Uint8Array | undefined {
    return undefined;
  }
  put(): void {}
  delete(): void {}
}

/** The fastest round: the least disturbed by other load on the machine. */
function fastest(values: number[]): number {
  return Math.min(...values);
}

/** A deterministic test image (no randomness needed for timing). */
function image(size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function benchStreaming(options: StreamingBenchOptions): StreamingBenchResult {
  const { suite, now } = options;
  const size = options.size ?? 1024 * 1024;
  const chunk = options.chunk ?? 4096;
  const rounds = Math.max(1, options.rounds ?? 5);
  const warmup = Math.max(0, options.warmup ?? 1);
  const bytes = image(size);
  const plan: InstallPlan = { sequenceNumber: 1, component: 0, slot: 1, digest: { algorithm: COSE_SHA256, bytes: suite.sha256(bytes) }, size, uri: 'bench' };
  const slots = new MemorySlots(size);
  const kv = new NullKv();
  const stream: number[] = [];
  const plain: number[] = [];
  const readBack: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    // The plain pass goes first in odd rounds, last in even ones, so that
    // neither side always runs on a warmer cache or just after a collection.
    let plainTime = 0;
    const plainPass = (): void => {
      const t = now();
      suite.sha256(bytes);
      plainTime = now() - t;
    };
    if (round % 2 === 1) plainPass();
    slots.erase(1, size);
    const session = new UpdateSession(plan, { suite, slots, kv });
    let t = now();
    for (let offset = 0; offset < size; offset += chunk) session.write(bytes.subarray(offset, Math.min(offset + chunk, size)));
    session.complete();
    const streamed = now() - t;
    t = now();
    session.readBack();
    const readBackTime = now() - t;
    if (round % 2 === 0) plainPass();
    if (round >= warmup) {
      stream.push(streamed);
      readBack.push(readBackTime);
      plain.push(plainTime);
    }
  }
  const streamMs = fastest(stream);
  const plainMs = fastest(plain);
  const readBackMs = fastest(readBack);
  return Object.freeze({ size, chunk, rounds, streamMs, plainMs, readBackMs, ratio: streamMs / plainMs, readBackRatio: readBackMs / plainMs });
}
