// CI without the Moddable SDK (issue 9): the product manifests parse, every
// file they name exists, each platform section names only existing files, the
// generated module lists match the import closures, and the build entry says
// what is missing. hosts/moddable type-checks in `npm run typecheck`
// (tsconfig.moddable.json); this suite runs that check too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { equal, ok } from '../support/assert';
import { PROJECT_ROOT } from '../support/source-files';
import { TARGETS } from '../../tools/firmware/closure';
import { checkEnvironment, mcconfigArgs, MissingError, parseArgs } from '../../tools/firmware/build';
import { generateModulesManifest, modulesManifestPath, productGraph, PRODUCTS } from '../../tools/firmware/modules';

type Json = Record<string, unknown>;

const MANIFESTS = [
  'manifests/tinydid.json',
  'hosts/moddable/manifest.json',
  ...PRODUCTS.flatMap((p) => [`manifests/${p}/manifest.json`, modulesManifestPath(p)]),
  // The Moddable test app that runs the glucose meter's image with a phone (hosts/moddable/README.md, 'Heap').
  'test/moddable/device-flow/manifest.json',
];
const SDK_VARIABLES = /^\$\((MODDABLE|MODULES|BUILD|BUILD_SIMULATOR)\)/;
const SOURCE_EXTENSIONS = ['.ts', '.js', '.c', '.json', '.d.ts'];

function readManifest(rel: string): Json {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, rel), 'utf8')) as Json;
}

/** Project-relative path of a manifest source, or undefined for an SDK path. */
function resolveSource(manifest: string, source: string): string | undefined {
  if (SDK_VARIABLES.test(source)) return undefined;
  if (source.startsWith('$(TINYDID)/')) return source.slice('$(TINYDID)/'.length);
  if (source.startsWith('$(NODE_MODULES)/')) return 'node_modules/' + source.slice('$(NODE_MODULES)/'.length);
  if (source.startsWith('$(')) throw new Error(`${manifest}: unknown variable in ${source}`);
  return relative(PROJECT_ROOT, join(PROJECT_ROOT, dirname(manifest), source)).split('\\').join('/');
}

/** Files a source pattern names (a wildcard "dir/*", an extension-less base name, or a file). */
function filesOf(path: string): string[] {
  const abs = join(PROJECT_ROOT, path);
  if (path.endsWith('/*')) {
    const dir = abs.slice(0, -2);
    return existsSync(dir) ? readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()) : [];
  }
  if (existsSync(abs) && statSync(abs).isFile()) return [path];
  return SOURCE_EXTENSIONS.map((ext) => path + ext).filter((p) => existsSync(join(PROJECT_ROOT, p)));
}

function sourcesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(sourcesOf);
  if (value !== null && typeof value === 'object' && typeof (value as Json).source === 'string') return [(value as Json).source as string];
  return [];
}

/** Every (section, kind, source) a manifest names: top level and each platform. */
function references(manifest: Json): { section: string; kind: string; source: string }[] {
  const out: { section: string; kind: string; source: string }[] = [];
  const walk = (section: string, node: Json): void => {
    for (const kind of ['modules', 'ble', 'data', 'resources']) {
      const map = node[kind] as Json | undefined;
      if (map !== undefined) for (const value of Object.values(map)) for (const source of sourcesOf(value)) out.push({ section, kind, source });
    }
    for (const source of sourcesOf(node.include)) out.push({ section, kind: 'include', source });
  };
  walk('(all)', manifest);
  const platforms = (manifest.platforms ?? {}) as Record<string, Json>;
  for (const [name, platform] of Object.entries(platforms)) walk(name, platform);
  return out;
}

describe('manifests: Moddable product manifests (checked without the SDK)', () => {

  it('every manifest parses as JSON', () => {
    for (const m of MANIFESTS) ok(typeof readManifest(m) === 'object', m);
  });

  it('every file a manifest or one of its platform sections names exists', () => {
    const missing: string[] = [];
    for (const m of MANIFESTS) {
      for (const ref of references(readManifest(m))) {
        const path = resolveSource(m, ref.source);
        if (path === undefined) continue;
        if (filesOf(path).length === 0) missing.push(`${m} [${ref.section}] ${ref.kind}: ${ref.source}`);
      }
    }
    equal(missing.join('\n'), '');
  });

  it('platforms esp32, nrf52 and lin each have a native Random (modRandom*.c) and nothing else is built', () => {
    const host = readManifest('hosts/moddable/manifest.json');
    const platforms = host.platforms as Record<string, Json>;
    for (const target of TARGETS) {
      const sources = references(platforms[target]).map((r) => r.source);
      ok(sources.some((s) => /native\/[a-z0-9]+\/modRandom[A-Za-z0-9]*$/.test(s) && filesOf(resolveSource('hosts/moddable/manifest.json', s) as string).some((f) => f.endsWith('.c'))), `${target}: no modRandom*.c`);
    }
    ok(typeof (platforms['...'] as Json).error === 'string', 'other platforms fail with an explicit error');
    const product = readManifest('manifests/tinydid.json').platforms as Record<string, Json>;
    ok(typeof (product['...'] as Json).error === 'string', 'products refuse other platforms');
  });

  it('creation sizes fit the 128 KB nRF52 budget and do not grow on devices', () => {
    const creation = readManifest('manifests/tinydid.json').creation as { static: number; stack: number; chunk: { initial: number; incremental: number }; heap: { initial: number; incremental: number } };
    equal(creation.static, 131072);
    equal(creation.chunk.incremental, 0);
    equal(creation.heap.incremental, 0);
    // Chunks, slots and stack slots (16 bytes each on a 32-bit MCU) all come out of the static block.
    const used = creation.chunk.initial + (creation.heap.initial + creation.stack) * 16;
    ok(used <= creation.static, `${used} bytes of heaps and stack in a ${creation.static}-byte static block`);
    // The measured need of boot + onboarding + one reading on the real runtime (hosts/moddable/README.md, Heap).
    ok(creation.chunk.initial >= 48 * 1024 && creation.heap.initial >= 2048 && creation.stack >= 568, 'at least the measured need');
  });

  for (const product of PRODUCTS) {
    it(`${product}: modules.json matches the import closure (npm run firmware -- --product ${product} --modules)`, async () => {
      const expected = await generateModulesManifest(PROJECT_ROOT, product);
      equal(JSON.stringify(readManifest(modulesManifestPath(product)), null, 1), JSON.stringify(expected, null, 1));
    });

    it(`${product}: every hosts/moddable module it imports is in the host manifest for each target`, async () => {
      const host = readManifest('hosts/moddable/manifest.json');
      const productManifest = readManifest(`manifests/${product}/manifest.json`);
      for (const target of TARGETS) {
        const listed = new Set<string>();
        const add = (m: string, refs: { kind: string; source: string }[]): void => {
          for (const r of refs) {
            if (r.kind !== 'modules') continue;
            const path = resolveSource(m, r.source);
            if (path !== undefined) for (const f of filesOf(path)) listed.add(f.replace(/\.(ts|js)$/, ''));
          }
        };
        add('hosts/moddable/manifest.json', references({ modules: host.modules }));
        add('hosts/moddable/manifest.json', references((host.platforms as Record<string, Json>)[target]));
        add(`manifests/${product}/manifest.json`, references({ modules: productManifest.modules }));
        const { modules } = await productGraph(PROJECT_ROOT, product, target);
        const missing = [...modules.values()].filter((f) => f.startsWith('hosts/') && !listed.has(f.replace(/\.(ts|js)$/, '')));
        equal(missing.join(', '), '', `${product} on ${target}`);
      }
    });
  }

  it('preloaded modules never reach @noble (read-only scratch buffers once in flash)', () => {
    for (const product of PRODUCTS) {
      const preload = readManifest(modulesManifestPath(product)).preload as string[];
      equal(preload.filter((n) => n.startsWith('@noble/')).join(', '), '');
    }
  });

  it('hosts/moddable type-checks against our Moddable declarations (tsconfig.moddable.json)', () => {
    const tsc = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsc');
    const child = spawnSync(tsc, ['-p', 'tsconfig.moddable.json'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    equal(`${child.stdout}${child.stderr}`.trim(), '');
    equal(child.status, 0);
  });
});

describe('manifests: the build entry (npm run firmware)', () => {
  it('parses its arguments and refuses unknown products and targets', () => {
    const o = parseArgs(['--product', 'glucose-meter', '--target', 'esp32']);
    equal(o.product, 'glucose-meter');
    equal(o.target, 'esp32');
    let threw = false;
    try {
      parseArgs(['--product', 'toaster', '--target', 'esp32']);
    } catch {
      threw = true;
    }
    ok(threw);
  });

  it('says what is missing when MODDABLE is not set, or ESP-IDF / nRF SDK for device targets', () => {
    const missing = (target: 'esp32' | 'nrf52' | 'lin', env: NodeJS.ProcessEnv): string => {
      try {
        checkEnvironment(target, env);
        return '';
      } catch (e) {
        ok(e instanceof MissingError);
        return (e as Error).message;
      }
    };
    ok(/MODDABLE is not set/.test(missing('lin', {})));
    const fake = mkdtempSync(join(tmpdir(), 'tinydid-moddable-'));
    try {
      ok(/not a Moddable SDK directory/.test(missing('lin', { MODDABLE: fake })));
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });

  it('exits 3 with a clear message when the SDK is missing', () => {
    const env = { ...process.env };
    delete env.MODDABLE;
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tools/firmware/build.ts', '--product', 'glucose-meter', '--target', 'lin'], { cwd: PROJECT_ROOT, encoding: 'utf8', env });
    equal(child.status, 3);
    ok(/cannot build glucose-meter for lin: MODDABLE is not set/.test(child.stderr), child.stderr);
  });

  it('builds with mcconfig -m -p <target> -t build on the product manifest', () => {
    const args = mcconfigArgs({ product: 'insole', target: 'nrf52', debug: false, flash: false, modules: false, dryRun: true });
    equal(args.slice(0, 5).join(' '), '-m -p nrf52 -t build');
    ok(args[args.length - 1].endsWith(join('manifests', 'insole', 'manifest.json')));
  });
});
