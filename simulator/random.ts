// The simulator's seeded generator (`tinydid simulate --seed N`). It exists
// ONLY here: devices and the CLI use the host CSPRNG (hosts/node/random.ts).
// With a seed, every choice a scenario makes (losses, reordering, power cuts,
// readings) and every simulated device's key generation derive from it, so a
// run is reproducible event for event.
//
// Construction: SHA-256 in counter mode over (seed, stream label, block
// counter). Each consumer forks its own named stream, so adding a consumer
// never shifts the numbers another one sees.
import { createHash } from 'node:crypto';
import type { Random } from '../firmware/host/random';

export class SeededRandom implements Random {
  readonly seed: string;
  readonly label: string;
  #counter = 0;
  #block = new Uint8Array(0);
  #offset = 0;

  constructor(seed: string | number, label = 'root') {
    this.seed = String(seed);
    this.label = label;
  }

  /** An independent stream named `label` under the same seed. */
  fork(label: string): SeededRandom {
    return new SeededRandom(this.seed, `${this.label}/${label}`);
  }

  #refill(): void {
    const h = createHash('sha256');
    h.update(`tinydid-sim|${this.seed}|${this.label}|${this.#counter++}`);
    this.#block = new Uint8Array(h.digest());
    this.#offset = 0;
  }

  fill(bytes: Uint8Array): Uint8Array {
    for (let i = 0; i < bytes.length; i++) {
      if (this.#offset === this.#block.length) this.#refill();
      bytes[i] = this.#block[this.#offset++];
    }
    return bytes;
  }

  /** A float in [0, 1) from 53 random bits. */
  float(): number {
    const b = this.fill(new Uint8Array(7));
    let v = b[0] & 0x1f;
    for (let i = 1; i < 7; i++) v = v * 256 + b[i];
    return v / 2 ** 53;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A copy of `items` in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/**
 * The scenario's source of choices. Without --seed the choices still need a
 * generator (which packet is lost); it is seeded from the host CSPRNG, and the
 * devices' keys come from the host CSPRNG directly.
 */
export function choiceGenerator(seed: string | undefined, hostSeed: () => string): SeededRandom {
  return new SeededRandom(seed ?? hostSeed(), 'choices');
}
