// The smallest fixed XS heaps a script needs, found on the XS lane's engine
// (XS 13.3 from @agoric/xsnap) built once more with -DmxReport=1 (every
// garbage collection prints the chunk and slot heaps' used and peak bytes)
// and with its heaps fixed from the environment, as a Moddable manifest's
// "creation" fixes them on a device: XSNAP_CHUNKS bytes of chunks and
// XSNAP_SLOTS slots, neither growing. A script "fits" when it ends well and
// prints what it must print; fitting is monotonic in each heap, so a
// bisection finds the smallest of each (the other one generous).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildXsnap, XSNAP_PACKAGE, xsnapCacheDir } from '../xs/build-xsnap';

/** Slot size of XS on a 64-bit host (txSlot) and on ESP32 / nRF52 (32-bit). */
export const SLOT_BYTES_HOST = 32;
export const SLOT_BYTES_DEVICE = 16;

/** Generous sizes for the heap not being bisected, and the bisection's resolution. */
const PLENTY_CHUNKS = 32 * 1024 * 1024;
const PLENTY_SLOTS = 256 * 1024;
const CHUNK_STEP = 1024;
const SLOT_STEP = 64;
/** Below what an empty program needs (18 KB of chunks, 3,904 slots): never fits, and fails fast (0 would hang xsnap). */
const FLOOR_CHUNKS = 8 * 1024;
const FLOOR_SLOTS = 1024;

export interface HeapNeed {
  /** Smallest chunk heap, bytes, and slot heap, slots, that let the script finish. */
  chunks: number;
  slots: number;
}

/** Lets the environment fix the XS machine's heaps (see the header). */
function patchCreation(file: string): void {
  let source = readFileSync(file, 'utf8');
  const replacements: [string, string][] = [
    ['32 * 1024 * 1024,\t/* initialChunkSize */', '(getenv("XSNAP_CHUNKS") ? atoi(getenv("XSNAP_CHUNKS")) : 32 * 1024 * 1024),\t/* initialChunkSize */'],
    ['4 * 1024 * 1024,\t/* incrementalChunkSize */', '(getenv("XSNAP_CHUNKS") ? 0 : 4 * 1024 * 1024),\t/* incrementalChunkSize */'],
    ['256 * 1024,\t\t\t/* initialHeapCount */', '(getenv("XSNAP_SLOTS") ? atoi(getenv("XSNAP_SLOTS")) : 256 * 1024),\t/* initialHeapCount */'],
    ['128 * 1024,\t\t\t/* incrementalHeapCount */', '(getenv("XSNAP_SLOTS") ? 0 : 128 * 1024),\t/* incrementalHeapCount */'],
  ];
  for (const [from, to] of replacements) {
    if (!source.includes(from)) throw new Error(`xsnap.c changed: cannot find ${from}`);
    source = source.replace(from, to);
  }
  writeFileSync(file, `#include <stdlib.h>\n${source}`);
}

/** xsnap built with -DmxReport=1 and fixable heaps, cached next to the XS lane's xsnap. */
export function ensureReportXsnap(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  if (process.env.TINYDID_XSNAP_REPORT) return process.env.TINYDID_XSNAP_REPORT;
  const binary = join(`${xsnapCacheDir()}-report`, 'xsnap');
  if (existsSync(binary)) return binary;
  log(`building xsnap with -DmxReport=1 from ${XSNAP_PACKAGE} (one time) ...`);
  buildXsnap(binary, { cc: 'cc -DmxReport=1', patch: (dir) => patchCreation(join(dir, 'xsnap-native', 'xsnap', 'sources', 'xsnap.c')) });
  return binary;
}

export interface XsRun {
  ok: boolean;
  stdout: string;
  /** Largest chunk and slot peaks the engine reported (bytes), 0 when it reported none. */
  peakChunkBytes: number;
  peakSlotBytes: number;
  ms: number;
}

/**
 * Runs `file` on the measuring xsnap; with `heaps`, the heaps are fixed to
 * them. A heap just short of the need can make XS collect forever: a run
 * past `timeoutMs` did not fit.
 */
export function runXs(xsnap: string, file: string, heaps?: HeapNeed, timeoutMs = 120000): XsRun {
  const started = Date.now();
  const env = { ...process.env };
  if (heaps !== undefined) Object.assign(env, { XSNAP_CHUNKS: String(heaps.chunks), XSNAP_SLOTS: String(heaps.slots) });
  const child = spawnSync(xsnap, [file], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env });
  const stdout = child.stdout ?? '';
  const peak = (what: string): number => {
    let max = 0;
    for (const m of stdout.matchAll(new RegExp(`# ${what} collection: reserved \\d+ used \\d+ peak (\\d+) bytes`, 'g'))) max = Math.max(max, Number(m[1]));
    return max;
  };
  return { ok: child.status === 0, stdout, peakChunkBytes: peak('Chunk'), peakSlotBytes: peak('Slot'), ms: Date.now() - started };
}

/** Smallest value in (lo, hi] (multiples of `step`) for which `fits` holds; `fits` must be monotonic and hold at hi. */
function bisect(lo: number, hi: number, step: number, fits: (v: number) => boolean): number {
  while (hi - lo > step) {
    const mid = Math.floor((lo + hi) / 2 / step) * step;
    if (mid <= lo) break;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/**
 * The smallest fixed chunk and slot heaps `script` needs to print `expect`
 * and end well (resolution 1 KB and 64 slots). One run with growing heaps
 * gives the peaks, an upper bound (a fixed heap that size collects sooner and
 * never needs more), so the bisection starts from there.
 */
export function minimalHeap(xsnap: string, script: string, expect: RegExp): HeapNeed {
  const dir = mkdtempSync(join(tmpdir(), 'tinydid-heap-'));
  try {
    const file = join(dir, 'script.js');
    writeFileSync(file, script);
    const free = runXs(xsnap, file);
    if (!free.ok || !expect.test(free.stdout)) throw new Error(`the script does not run to its end on xsnap:\n${free.stdout.split('\n').filter((l) => !l.startsWith('# ')).slice(-5).join('\n')}`);
    const timeoutMs = Math.max(3000, 10 * free.ms);
    const fits = (heaps: HeapNeed): boolean => {
      const run = runXs(xsnap, file, heaps, timeoutMs);
      return run.ok && expect.test(run.stdout);
    };
    let chunksHi = roundUp(free.peakChunkBytes, CHUNK_STEP) + CHUNK_STEP;
    if (!fits({ chunks: chunksHi, slots: PLENTY_SLOTS })) chunksHi = PLENTY_CHUNKS;
    const chunks = bisect(FLOOR_CHUNKS, chunksHi, CHUNK_STEP, (c) => fits({ chunks: c, slots: PLENTY_SLOTS }));
    let slotsHi = roundUp(free.peakSlotBytes / SLOT_BYTES_HOST, SLOT_STEP) + SLOT_STEP;
    if (!fits({ chunks: PLENTY_CHUNKS, slots: slotsHi })) slotsHi = PLENTY_SLOTS;
    const slots = bisect(FLOOR_SLOTS, slotsHi, SLOT_STEP, (n) => fits({ chunks: PLENTY_CHUNKS, slots: n }));
    return { chunks, slots };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `script` compiled but not run: XS compiles a whole script before running
 * it, so this needs the engine's own heaps plus the script's bytecode, which
 * on a device mcconfig compiles ahead of time into flash.
 */
export function compiledOnly(script: string, done: string): string {
  return `function tinydidCompiledOnly() {\n${script}\n}\nprint(${JSON.stringify(done)});`;
}

/** A need minus a baseline, on 32-bit: chunks + slots x 16 bytes. */
export function deviceBytesBeyond(need: HeapNeed, baseline: HeapNeed): number {
  return Math.max(0, need.chunks - baseline.chunks) + Math.max(0, need.slots - baseline.slots) * SLOT_BYTES_DEVICE;
}
