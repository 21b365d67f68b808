// Footprint of the device images (issue 9, item 6), without the Moddable SDK.
//
// Size: each product's entry (manifests/<product>/main.ts, the closure
// mcconfig compiles, with the device substitutes of tools/firmware/closure.ts)
// bundled with esbuild, minified, ES2022, crypto included; the Moddable SDK's
// own modules (native C on a device) stay outside. A proxy for XS bytecode;
// mcconfig does not tree-shake, esbuild does, so it is a lower bound.
//
// Heap: the image's flow on the XS lane's engine with fixed heaps
// (heap-need.ts): the smallest chunk and slot heaps that let it finish.
//   flow      - the glucose meter's (or insole's) life until its first
//               reading reaches the phone: boot (key store, identity keys,
//               did:peer:2, label), one onboarding request from a phone
//               (authcrypt, checked; the response authcrypted back), one
//               reading signed and authcrypted to the new controller. The
//               phone is the simulator's (simulator/agents), on Node: it scans
//               the label a first run printed, its request is written into
//               the measured script, and it checks the response and the
//               reading - output the phone refuses is an error, not a figure.
//   load      - the whole image loaded (module bodies run), nothing called.
//   bytecode  - the flow script compiled, not run: the engine plus the
//               bytecode, which on a device is compiled ahead of time into flash.
// The device figure is `flow - load` on 32-bit: chunks + slots x 16 bytes
// (XS slots are 32 bytes on this host and 16 on ESP32/nRF52): what the flow
// makes beyond the loaded image, which is the RAM a device needs when the
// module bodies are preloaded into flash. The manifests preload every module
// whose import closure holds no module-level state written at run time
// (tools/firmware/modules.ts); the ones that are not (the product's entry)
// are listed with the figure. `flow - bytecode` is the RAM if nothing were
// preloaded. Both count the stand-ins of the SDK's native modules below, so
// they err high. The device's RNG is a fixed stand-in here, so every run of a
// script makes the same keys and the same messages.
// `npm run bench` calls measureFootprint(); `node --import tsx
// tools/firmware/footprint.ts` prints the figures as JSON.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { SimAgent } from '../../simulator/agents/agent';
import { phoneAcceptResponse, phoneRequest, readLabel } from '../../simulator/agents/onboarding';
import { ReadingInbox } from '../../simulator/agents/readings';
import { VirtualClock } from '../../simulator/clock';
import { nodeRandom } from '../../hosts/node/random';
import { XSNAP_PACKAGE } from '../xs/build-xsnap';
import { XS_BUNDLE_OPTIONS } from '../xs/esbuild-xs';
import { moddablePlugin } from './closure';
import { compiledOnly, deviceBytesBeyond, ensureReportXsnap, minimalHeap, runXs, SLOT_BYTES_DEVICE, SLOT_BYTES_HOST, type HeapNeed } from './heap-need';
import { PRODUCTS, preloadable, productEntry, productGraph } from './modules';

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
    // The native digest's stand-in: the same bytes, from @noble/hashes (its
    // code and heap are counted, where on a device the digest is C; not
    // @stablelib/sha2, which the images take from this very module).
    crypt: `import { sha256, sha512 } from '@noble/hashes/sha2.js';
const view = (d) => typeof d === 'string' ? new TextEncoder().encode(d) : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
export class Digest { constructor(a) { this.f = a === 'SHA512' ? sha512 : sha256; this.h = this.f.create(); } write(d) { this.h.update(view(d)); } close() { return this.h.digest().slice().buffer; } reset() { this.h = this.f.create(); } }`,
    flash: `export default class Flash { constructor() { throw new Error('no flash on xsnap'); } }`,
    // Not a CSPRNG: a measurement stand-in for native/modRandom*.c (xsnap has none).
    'hosts/moddable/native/random.js': `let s = 0x2545f491;
export function fillRandom(b) { const u = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength); for (let i = 0; i < u.length; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; u[i] = s >>> 24; } }`,
  };
}


/** The value each product measures in the flow (mg/dL; steps). */
export const FLOW_VALUE: Readonly<Record<string, number>> = Object.freeze({ 'glucose-meter': 104, insole: 12 });

/** The image's minified size: Moddable SDK modules external (native on a device), nothing run. */
export async function productSize(product: string): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    entryPoints: [join(ROOT, productEntry(product))],
    absWorkingDir: ROOT,
    ...XS_BUNDLE_OPTIONS,
    format: 'esm',
    write: false,
    minify: true,
    legalComments: 'none',
    plugins: [moddablePlugin(ROOT, 'lin')],
  });
  const text = result.outputFiles[0].text;
  return { minified: Buffer.byteLength(text), gzip: gzipSync(text).length };
}

/**
 * The product image as one script for xsnap. `flow: undefined` loads it only;
 * `flow: {}` boots and prints the label; `flow: {request}` boots, hands the
 * phone's request to the app, and prints the response and one reading.
 */
export async function productScript(product: string, flow?: { request?: Uint8Array }): Promise<string> {
  // The product's device entry: manifests/<product>/main.ts calls its start().
  const main = `./hosts/moddable/main-${product}`;
  const lines = [
    `import { boot } from '${main}';`,
    `import { fromHex, toHex } from './firmware/bytes/hex';`,
    `globalThis.trace = (s) => print(String(s).replace(/\\n$/, ''));`,
  ];
  if (flow === undefined) lines.push('globalThis.tinydidBoot = boot;');
  else if (flow.request === undefined) lines.push(`print('label ' + boot().label);`);
  else {
    lines.push(
      'const app = boot();',
      `const answer = app.receive(fromHex('${toHex(flow.request)}'));`,
      `print('response ' + (answer === undefined ? '' : toHex(answer)));`,
      `print('reading ' + toHex(app.measure(${FLOW_VALUE[product] ?? 1}).packed));`,
    );
  }
  lines.push(`if (typeof gc === 'function') gc();`, `print('done');`);
  const result = await build({
    stdin: { contents: lines.join('\n'), resolveDir: ROOT, sourcefile: `footprint-${product}.ts`, loader: 'ts' },
    ...XS_BUNDLE_OPTIONS,
    write: false,
    minify: true,
    legalComments: 'none',
    plugins: [moddablePlugin(ROOT, 'lin', moddableStubs(product))],
  });
  return result.outputFiles[0].text;
}

/** The image's modules that cannot be preloaded (tools/firmware/modules.ts), and how many modules it has. */
export async function notPreloaded(product: string): Promise<{ names: string[]; of: number }> {
  const { modules, imports } = await productGraph(ROOT, product, 'lin');
  const pre = new Set(preloadable(imports));
  return { names: [...modules.keys()].filter((name) => !pre.has(name)).sort(), of: modules.size };
}

function printed(stdout: string, key: string): string {
  const line = stdout.split('\n').find((l) => l.startsWith(`${key} `));
  if (line === undefined) throw new Error(`the flow printed no ${key}:\n${stdout.split('\n').filter((l) => !l.startsWith('# ')).slice(-8).join('\n')}`);
  return line.slice(key.length + 1);
}

function runOnce(xsnap: string, script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tinydid-footprint-'));
  try {
    const file = join(dir, 'flow.js');
    writeFileSync(file, script);
    const run = runXs(xsnap, file);
    if (!run.ok) throw new Error(`the flow failed on xsnap:\n${run.stdout.split('\n').filter((l) => !l.startsWith('# ')).slice(-8).join('\n')}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FlowCheck {
  did: string;
  requestBytes: number;
  responseBytes: number;
  readingBytes: number;
  /** What the phone read from the reading, after checking envelope, signature and chain. */
  reading: { seq: number; kind: string; body: unknown };
  log: string[];
}

/**
 * The flow script with a real request in it: a first run prints the label, a
 * phone scans it and makes its request; a second run's response and reading
 * must satisfy that phone.
 */
export async function flowScript(xsnap: string, product: string): Promise<{ script: string; check: FlowCheck }> {
  const label = printed(runOnce(xsnap, await productScript(product, {})), 'label');
  const dir = mkdtempSync(join(tmpdir(), 'tinydid-footprint-phone-'));
  try {
    const phone = new SimAgent({ name: 'phone', root: dir, clock: new VirtualClock(Date.now()).deviceClock(), random: nodeRandom, fsync: false });
    const { request, packed, device } = phoneRequest(phone, readLabel(utf8Encode(label)), 'phone');
    const script = await productScript(product, { request: packed });
    const out = runOnce(xsnap, script);
    const response = fromHex(printed(out, 'response'));
    const reading = fromHex(printed(out, 'reading'));
    phoneAcceptResponse(phone, device, request, response);
    const stored = new ReadingInbox(phone).receive(reading, Date.now());
    const log = out.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('# ') && !/^(response|reading|done)\b/.test(l));
    return {
      script,
      check: { did: device.did, requestBytes: packed.length, responseBytes: response.length, readingBytes: reading.length, reading: { seq: stored.seq, kind: stored.kind, body: stored.body }, log },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ProductFootprint {
  product: string;
  /** Minified ES2022 bundle of the image (crypto included, SDK modules outside), bytes. */
  minifiedBytes: number;
  gzipBytes: number;
  heap: {
    engine: string;
    /** Smallest fixed heaps: compiled only (engine + bytecode), the image loaded, the flow. */
    bytecode: HeapNeed;
    load: HeapNeed;
    flow: HeapNeed;
    /** The image's modules, and those that cannot be preloaded. */
    modules: number;
    notPreloaded: string[];
    /** The flow beyond the loaded image, on 32-bit: the RAM with the module bodies preloaded (the figure to hold against 128 KB), bytes. */
    deviceBytes: number;
    /** The flow beyond the bytecode alone, on 32-bit: the RAM if nothing were preloaded, bytes. */
    withoutPreloadBytes: number;
  };
  flow: FlowCheck;
}

export interface FootprintOptions {
  products?: readonly string[];
  log?: (line: string) => void;
}

const DONE = /^done$/m;

/** Sizes and heap needs of every product image; see the header of this file for the method. */
export async function measureFootprint(options: FootprintOptions = {}): Promise<ProductFootprint[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const xsnap = ensureReportXsnap(log);
  const out: ProductFootprint[] = [];
  for (const product of options.products ?? PRODUCTS) {
    const size = await productSize(product);
    const { script, check } = await flowScript(xsnap, product);
    const fixed = await notPreloaded(product);
    const bytecode = minimalHeap(xsnap, compiledOnly(script, 'done'), DONE);
    const load = minimalHeap(xsnap, await productScript(product), DONE);
    const flow = minimalHeap(xsnap, script, DONE);
    log(`${product}: ${size.minified} B minified; fixed heaps (chunks B, slots) bytecode ${JSON.stringify(bytecode)}, load ${JSON.stringify(load)}, flow ${JSON.stringify(flow)}`);
    out.push({
      product,
      minifiedBytes: size.minified,
      gzipBytes: size.gzip,
      heap: {
        engine: `XS 13.3 (${XSNAP_PACKAGE}), slots ${SLOT_BYTES_HOST} bytes on this host, ${SLOT_BYTES_DEVICE} on ESP32/nRF52`,
        bytecode,
        load,
        flow,
        modules: fixed.of,
        notPreloaded: fixed.names,
        deviceBytes: deviceBytesBeyond(flow, load),
        withoutPreloadBytes: deviceBytesBeyond(flow, bytecode),
      },
      flow: check,
    });
  }
  return out;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  measureFootprint().then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'));
}
