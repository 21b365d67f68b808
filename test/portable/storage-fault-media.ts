// Fault-injecting storage media for the power-loss tests (both lanes): a
// simulated file system (for FileKv: temp file + rename) and simulated raw
// flash (for TwoCopyKv), each counting mutating steps and cutting the power at
// a chosen one. A cut is either clean (the step does not happen: this also
// covers "temp written, rename not done") or torn (a write or erase leaves
// only part of its bytes on the medium). After the cut the medium refuses
// everything until revive(), which models the next boot.
import type { RecordFileSystem } from '../../firmware/storage/file-system';
import type { RecordFlash } from '../../firmware/storage/flash';

export class PowerCut extends Error {
  constructor() {
    super('power cut');
    this.name = 'PowerCut';
  }
}

/** Where to cut: before step `at` (1-based; 0 means never), or inside it with torn variant `torn` (0, 1, 2). */
export interface Cut {
  at: number;
  torn?: number;
}

export const TORN_VARIANTS = 3;

/** Prefix length of torn variant `v` of an n-byte write: empty, half, all but the last byte. */
export function tornLength(n: number, v: number): number {
  return v === 0 ? 0 : v === 1 ? Math.floor(n / 2) : Math.max(0, n - 1);
}

export class FaultPlan {
  steps = 0;
  /** Per step: whether it can tear (a write or an erase). */
  readonly tearable: boolean[] = [];
  #cut: Cut;
  #dead = false;

  constructor(cut: Cut = { at: 0 }) {
    this.#cut = cut;
  }

  get dead(): boolean {
    return this.#dead;
  }

  /** The next boot: no more cuts. */
  revive(): void {
    this.#dead = false;
    this.#cut = { at: 0 };
  }

  /** Runs one mutating step: `apply` wholly, or `tear(v)` then cut, or nothing then cut. */
  step(apply: () => void, tear?: (variant: number) => void): void {
    if (this.#dead) throw new PowerCut();
    this.steps++;
    this.tearable.push(tear !== undefined);
    if (this.steps !== this.#cut.at) {
      apply();
      return;
    }
    this.#dead = true;
    if (this.#cut.torn !== undefined && tear !== undefined) tear(this.#cut.torn);
    throw new PowerCut();
  }

  check(): void {
    if (this.#dead) throw new PowerCut();
  }
}

/** A directory of files in memory; `write` may tear, `rename` and `remove` are atomic. */
export class FaultyFileSystem implements RecordFileSystem {
  readonly files = new Map<string, Uint8Array>();
  plan: FaultPlan;

  constructor(plan: FaultPlan) {
    this.plan = plan;
  }

  read(name: string): Uint8Array | undefined {
    this.plan.check();
    return this.files.get(name)?.slice();
  }

  write(name: string, data: Uint8Array): void {
    const copy = data.slice();
    this.plan.step(
      () => this.files.set(name, copy),
      (v) => this.files.set(name, copy.slice(0, tornLength(copy.length, v))),
    );
  }

  rename(from: string, to: string): void {
    this.plan.step(() => {
      const data = this.files.get(from);
      if (data === undefined) throw new Error(`rename: no ${from}`);
      this.files.set(to, data);
      this.files.delete(from);
    });
  }

  remove(name: string): void {
    if (!this.files.has(name)) return;
    this.plan.step(() => this.files.delete(name));
  }

  names(): string[] {
    this.plan.check();
    return [...this.files.keys()].sort();
  }
}

const ERASED = 0xff;

/** Raw flash areas in memory; a torn write leaves a prefix of the new bytes and erased (0xFF) bytes after it; a torn erase leaves part of the old bytes. */
export class FaultyFlash implements RecordFlash {
  readonly areasMap = new Map<string, Uint8Array>();
  plan: FaultPlan;

  constructor(plan: FaultPlan) {
    this.plan = plan;
  }

  read(area: string): Uint8Array | undefined {
    this.plan.check();
    return this.areasMap.get(area)?.slice();
  }

  write(area: string, data: Uint8Array): void {
    const copy = data.slice();
    this.plan.step(
      () => this.areasMap.set(area, copy),
      (v) => {
        const torn = new Uint8Array(copy.length).fill(ERASED);
        torn.set(copy.subarray(0, tornLength(copy.length, v)));
        this.areasMap.set(area, torn);
      },
    );
  }

  erase(area: string): void {
    const old = this.areasMap.get(area);
    if (old === undefined) return;
    this.plan.step(
      () => this.areasMap.delete(area),
      (v) => {
        const torn = old.slice();
        torn.fill(ERASED, 0, old.length - tornLength(old.length, v));
        this.areasMap.set(area, torn);
      },
    );
  }

  areas(prefix: string): string[] {
    this.plan.check();
    return [...this.areasMap.keys()].filter((a) => a.startsWith(prefix)).sort();
  }
}
