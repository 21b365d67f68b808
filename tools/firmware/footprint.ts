// Footprint of the device images (issue 9, item 6), without the Moddable SDK:
//
// 1. Size: each product's entry (manifests/<product>/main.ts, the same import
//    closure mcconfig compiles) bundled with esbuild, minified, es2022,
//    crypto included; Moddable SDK modules are stubbed by a few lines each.
//    A proxy for XS bytecode in flash (mcconfig does not tree-shake; esbuild
//    does, so this is a lower bound of what the image carries).
// 2. Heap: the same bundle run on the XS lane's engine (XS 13.3 from
//    @agoric/xsnap, built once more with -DmxReport=1 so that every garbage
//    collection prints the chunk and slot heaps' used and peak bytes). The
//    flow is the product's boot: open the key store, create the identity key,
//    derive the DID, sign one reading (and verify it). We report
//      peak     - the largest chunk and slot peaks reported, minus the
//                 engine's own baseline (an empty program's peaks), and
//      estimate - peak chunks + peak slots / 2: XS slots are 32 bytes on a
//                 64-bit host and 16 bytes on ESP32/nRF52, chunks are about
//                 the same size on both.
//    The estimate counts the bundle's bytecode, which on a device stays in
//    flash, so it errs high. Compare it with the 128 KB nRF52 budget
//    (manifests/tinydid.json "creation").
// `npm run bench` can call measureFootprint(); `node --import tsx
// tools/firmware/footprint.ts` prints the figures as JSON.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { XSNAP_PACKAGE, xsnapCacheDir } from '../xs/build-xsnap';
import { XS_BUNDLE_OPTIONS } from '../xs/esbuild-xs';
import { moddablePlugin } from './closure';
import { PRODUCTS, productEntry } from './modules';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The Moddable modules the images import, as small stand-ins that run on xsnap. */
function moddableStubs(product: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifests', product, 'manifest.json'), 'utf8')) as { config?: unknown };
  return {
    'mc/config': `export default Object.freeze(${JSON.stringify(manifest.config ?? {})});`,
    preference: `const domains = new Map();
export default class Preference {
  static set(d, k, v) { if (!domains.has(d)) domains.set(d, new Map()); domains.get(d).set(k, v instanceof ArrayBuffer ? v.slice(0) : v); }
  static get(d, k) { const v = domains.get(d)?.get(k); return v instanceof ArrayBuffer ? v.slice(0) : v; }
  static delete(d, k) { domains.get(d)?.delete(k); }
  static keys(d) { return [...(domains.get(d)?.keys() ?? [])]; }
}`,
    time: `export default { get ticks() { return Math.floor(performance.now()); }, delta(a, b = Math.floor(performance.now())) { return b - a; }, set() {} };`,
    timer: `export default { set() { return {}; }, repeat() { return {}; }, schedule() {}, clear() {}, delay() {} };`,
    instrumentation: `export default { get() { return undefined; }, map() { return undefined; }, name() { return undefined; } };`,
    bleserver: `export default class BLEServer { constructor() {} startAdvertising() {} stopAdvertising() {} notifyValue() {} set deviceName(v) { this._n = v; } get deviceName() { return this._n; } };`,
    btutils: `export class Bytes extends ArrayBuffer { constructor(hex) { super(hex.length >> 1); } }; export function uuid(s) { return new Bytes(s[0]); }`,
    // The native digest's stand-in: the same bytes, from @noble/hashes.
    crypt: `import { sha256 } from '@noble/hashes/sha2.js';
export class Digest { constructor() { this.h = sha256.create(); } write(d) { this.h.update(d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength)); } close() { return this.h.digest().buffer; } }`,
    flash: `export default class Flash { constructor() { throw new Error('no flash on xsnap'); } }`,
    ota: `export default class OTA { constructor() { throw new Error('no OTA on xsnap'); } }`,
    // Not a CSPRNG: a measurement stand-in for native/modRandom*.c (xsnap has none).
    'hosts/moddable/native/random.js': `let s = 0x2545f491;
export function fillRandom(b) { const u = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength); for (let i = 0; i < u.length; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; u[i] = s >>> 24; } }`,
  };
}

export interface BundleOptions {
  /** Call the product's main after loading (the flow); false measures loading only. */
  run: boolean;
  /** Window size for @noble/curves' Ed25519 base-point table (noble's default: 6). */
  ed25519Window?: number;
  minify?: boolean;
}

/** The product bundle as one iife script for xsnap (or for measuring its size). */
export async function bundleProduct(product: string, options: BundleOptions): Promise<string> {
  const lines = [
    `import main from './${productEntry(product).replace(/\.ts$/, '')}';`,
    options.ed25519Window === undefined ? '' : `import { ed25519 } from '@noble/curves/ed25519.js'; ed25519.Point.BASE.precompute(${options.ed25519Window});`,
    `globalThis.trace = (s) => print(String(s).replace(/\\n$/, ''));`,
    options.run ? 'main();' : 'globalThis.__tinydidMain = main;',
    `if (typeof gc === 'function') gc();`,
  ];
  const result = await build({
    stdin: { contents: lines.join('\n'), resolveDir: ROOT, sourcefile: `footprint-${product}.ts`, loader: 'ts' },
    ...XS_BUNDLE_OPTIONS,
    write: false,
    minify: options.minify ?? true,
    legalComments: 'none',
    plugins: [moddablePlugin(ROOT, 'lin', moddableStubs(product))],
  });
  return result.outputFiles[0].text;
}

/**
 * Lets the environment fix the XS machine's heaps, as a Moddable manifest's
 * "creation" does on a device: XSNAP_CHUNKS bytes of chunks and XSNAP_SLOTS
 * slots, neither growing. Unset, xsnap keeps its own (large, growing) sizes.
 */
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

/** xsnap built with -DmxReport=1 (heap report at each GC), cached next to the XS lane's xsnap. */
export function ensureReportXsnap(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  if (process.env.TINYDID_XSNAP_REPORT) return process.env.TINYDID_XSNAP_REPORT;
  const dir = `${xsnapCacheDir()}-report`;
  const binary = join(dir, 'xsnap');
  if (existsSync(binary)) return binary;
  log(`building xsnap with -DmxReport=1 from ${XSNAP_PACKAGE} (one time) ...`);
  const work = mkdtempSync(join(tmpdir(), 'tinydid-xsnap-report-'));
  try {
    execFileSync('npm', ['pack', XSNAP_PACKAGE, '--loglevel=error', '--pack-destination', work], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${XSNAP_PACKAGE} produced no tarball`);
    execFileSync('tar', ['xzf', tarball], { cwd: work });
    const moddable = join(work, 'package', 'moddable');
    patchCreation(join(work, 'package', 'xsnap-native', 'xsnap', 'sources', 'xsnap.c'));
    execFileSync('make', ['-s', 'GOAL=release', `MODDABLE=${moddable}`, 'CC=cc -DmxReport=1', '-f', 'xsnap.mk'], {
      cwd: join(work, 'package', 'xsnap-native', 'xsnap', 'makefiles', 'lin'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const built = join(moddable, 'build', 'bin', 'lin', 'release', 'xsnap');
    mkdirSync(dir, { recursive: true });
    copyFileSync(built, `${binary}.partial`);
    chmodSync(`${binary}.partial`, 0o755);
    renameSync(`${binary}.partial`, binary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

/** Runs `script` on the measuring xsnap with fixed heaps; true when it ends well and prints `expect`. */
export function runsWithin(xsnap: string, file: string, chunks: number, slots: number, expect: RegExp): boolean {
  const child = spawnSync(xsnap, [file], {
    encoding: 'utf8',
    timeout: 120000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, XSNAP_CHUNKS: String(chunks), XSNAP_SLOTS: String(slots) },
  });
  return child.status === 0 && expect.test(child.stdout ?? '');
}

/** Smallest value in [lo, hi] (multiples of `step`) for which `fits` holds; `fits` must be monotonic. */
function bisect(lo: number, hi: number, step: number, fits: (v: number) => boolean): number {
  if (!fits(hi)) throw new Error(`does not fit even in ${hi}`);
  while (hi - lo > step) {
    const mid = Math.floor((lo + hi) / 2 / step) * step;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Generous sizes for the dimension not being bisected. */
const PLENTY_CHUNKS = 32 * 1024 * 1024;
const PLENTY_SLOTS = 256 * 1024;
/** Slot size of XS on a 64-bit host (txSlot) and on ESP32 / nRF52. */
const SLOT_BYTES_HOST = 32;
const SLOT_BYTES_DEVICE = 16;

export interface HeapNeed {
  /** Smallest chunk heap, bytes, and slot heap, slots, that let the script finish. */
  chunks: number;
  slots: number;
}

/** The smallest fixed chunk and slot heaps a script needs on XS (resolution 1 KB and 64 slots). */
export function minimalHeap(xsnap: string, script: string, expect: RegExp): HeapNeed {
  const dir = mkdtempSync(join(tmpdir(), 'tinydid-footprint-'));
  try {
    const file = join(dir, 'bundle.js');
    writeFileSync(file, script);
    const chunks = bisect(8 * 1024, PLENTY_CHUNKS, 1024, (c) => runsWithin(xsnap, file, c, PLENTY_SLOTS, expect));
    const slots = bisect(1024, PLENTY_SLOTS, 64, (n) => runsWithin(xsnap, file, PLENTY_CHUNKS, n, expect));
    return { chunks, slots };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ProductFootprint {
  product: string;
  /** Minified es2022 bundle of the product's image closure (crypto included), bytes. */
  minifiedBytes: number;
  gzipBytes: number;
  heap: {
    engine: string;
    ed25519Window?: number;
    /** Smallest heaps (beyond an empty program's) to load the image: module bodies run, bytecode included. */
    load: HeapNeed;
    /** Smallest heaps (beyond an empty program's) to load and run the boot + signed-reading flow. */
    flow: HeapNeed;
    /** flow.chunks + flow.slots x 16 bytes: the 32-bit device figure, bytecode included (on a device it is in flash), bytes. */
    deviceBytes: number;
    /** What the flow needs beyond the loaded image, on 32-bit, bytes. */
    flowWorkingSetBytes: number;
  };
  /** The flow's own log lines (DID, signed reading). */
  log: string[];
}

export interface FootprintOptions {
  products?: readonly string[];
  /** @noble/curves Ed25519 base-point window to measure with (default: none; the device images carry no noble). */
  ed25519Window?: number;
  log?: (line: string) => void;
}

const FLOW_DONE = /verifies[^\n]*: true/;

/** Sizes and heap needs of every product image; see the header of this file for the method. */
export async function measureFootprint(options: FootprintOptions = {}): Promise<ProductFootprint[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const xsnap = ensureReportXsnap(log);
  const window = options.ed25519Window;
  const empty = minimalHeap(xsnap, "print('ok');", /ok/);
  const out: ProductFootprint[] = [];
  for (const product of options.products ?? PRODUCTS) {
    const size = await bundleProduct(product, { run: false, minify: true });
    const loadScript = (await bundleProduct(product, { run: false, ed25519Window: window })) + "\nprint('loaded');";
    const flowScript = await bundleProduct(product, { run: true, ed25519Window: window });
    const load = minimalHeap(xsnap, loadScript, /loaded/);
    const flow = minimalHeap(xsnap, flowScript, FLOW_DONE);
    const dir = mkdtempSync(join(tmpdir(), 'tinydid-footprint-'));
    let run;
    try {
      writeFileSync(join(dir, 'flow.js'), flowScript);
      run = spawnSync(xsnap, [join(dir, 'flow.js')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const minus = (a: HeapNeed): HeapNeed => ({ chunks: a.chunks - empty.chunks, slots: a.slots - empty.slots });
    const loadNet = minus(load);
    const flowNet = minus(flow);
    const device = (n: HeapNeed): number => n.chunks + n.slots * SLOT_BYTES_DEVICE;
    out.push({
      product,
      minifiedBytes: Buffer.byteLength(size),
      gzipBytes: gzipSync(size).length,
      heap: {
        engine: `XS 13.3 (${XSNAP_PACKAGE}), slots ${SLOT_BYTES_HOST} bytes on this host, ${SLOT_BYTES_DEVICE} on ESP32/nRF52`,
        ed25519Window: window,
        load: loadNet,
        flow: flowNet,
        deviceBytes: device(flowNet),
        flowWorkingSetBytes: Math.max(0, device(flowNet) - device(loadNet)),
      },
      log: (run.stdout ?? '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('# ')),
    });
  }
  return out;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const w = process.argv.indexOf('--window');
  measureFootprint({ ed25519Window: w > 0 ? Number(process.argv[w + 1]) : undefined }).then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'));
}
