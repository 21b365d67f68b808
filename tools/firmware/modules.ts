// Generates manifests/<product>/modules.json: the Moddable module name of
// every firmware/ and npm file in the product's import closure, and the
// modules that can be preloaded. Module names are the specifiers XS resolves:
// firmware/x/y for firmware/x/y.ts (reached by relative imports), and for npm
// files the package specifier without ".js" (XS strips it), e.g.
// @noble/curves/abstract/edwards or @stablelib/chacha.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { DEVICE_PACKAGE_MODULES, deviceMetafile, TARGETS, type Target } from './closure';

export const PRODUCTS = Object.freeze(['glucose-meter', 'insole']);

/** Entry of a product image: its main module. */
export function productEntry(product: string): string {
  return `manifests/${product}/main.ts`;
}

/**
 * Preloading runs a module at build time and freezes what it made into flash
 * (Moddable "Using XS Preload"). @noble/* keep module-level scratch typed
 * arrays (SHA-2 message schedules) and lazily filled Maps (curve precompute
 * tables) that a preloaded image cannot write ("read-only buffer"), so no
 * module whose import closure reaches them is preloaded; neither is an app
 * entry (hosts/moddable/main-*). The @stablelib modules of the device images
 * only read their module-level constants (field constants, a zero pad; the
 * SHA-2 and random ones are the device adapters of
 * closure.ts DEVICE_PACKAGE_MODULES, with no module state), so they are
 * preloaded; so is @scure/base, whose module body only builds frozen coders.
 */
export const NOT_PRELOADABLE = /^@noble\//;

export interface ModuleEntry {
  name: string;
  file: string;
}

function moduleNameOfFile(file: string): string | undefined {
  if (file.startsWith('firmware/') || file.startsWith('hosts/') || file.startsWith('manifests/')) return file.replace(/\.(ts|js)$/, '');
  return undefined;
}

/** Every module of `product`'s image on `target`: name -> file, plus who imports whom. */
export async function productGraph(root: string, product: string, target: Target): Promise<{ modules: Map<string, string>; imports: Map<string, string[]> }> {
  const meta = await deviceMetafile(root, productEntry(product), target);
  const names = new Map<string, string>(); // file -> module name
  for (const file of Object.keys(meta.inputs)) {
    const own = moduleNameOfFile(file);
    if (own !== undefined) names.set(file, own);
  }
  // A device adapter of an npm module goes by the package specifier it replaces (XS resolves imports by name).
  for (const [name, file] of Object.entries(DEVICE_PACKAGE_MODULES)) if (names.has(file)) names.set(file, name);
  // Bare specifiers name npm modules; relative ones resolve against the importer's name.
  let changed = true;
  while (changed) {
    changed = false;
    for (const [file, input] of Object.entries(meta.inputs)) {
      const importer = names.get(file);
      if (importer === undefined) continue;
      for (const imp of input.imports) {
        if (imp.external || imp.original === undefined) continue;
        const spec = imp.original.replace(/\.m?js$/, '');
        let name: string;
        if (spec.startsWith('.')) name = posix.normalize(posix.join(posix.dirname(importer), spec));
        else if (spec.startsWith('hosts/')) continue;
        else name = spec;
        const known = names.get(imp.path);
        if (known === undefined) {
          names.set(imp.path, name);
          changed = true;
        } else if (known !== name && !imp.path.startsWith('hosts/') && !imp.path.startsWith('firmware/') && !imp.path.startsWith('manifests/')) {
          throw new Error(`${imp.path} is imported both as ${known} and as ${name}: XS would load it twice`);
        }
      }
    }
  }
  const modules = new Map<string, string>();
  const imports = new Map<string, string[]>();
  for (const [file, name] of names) {
    modules.set(name, file);
    imports.set(
      name,
      meta.inputs[file].imports.filter((i) => !i.external && names.has(i.path)).map((i) => names.get(i.path) as string),
    );
  }
  return { modules, imports };
}

/** Module names whose import closure stays clear of NOT_PRELOADABLE modules. */
export function preloadable(imports: Map<string, string[]>): string[] {
  const memo = new Map<string, boolean>();
  const ok = (name: string, stack: Set<string>): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (NOT_PRELOADABLE.test(name) || name.startsWith('manifests/') || /^hosts\/moddable\/main-/.test(name)) return memo.set(name, false), false;
    if (stack.has(name)) return true;
    stack.add(name);
    const result = (imports.get(name) ?? []).every((dep) => ok(dep, stack));
    stack.delete(name);
    memo.set(name, result);
    return result;
  };
  return [...imports.keys()].filter((n) => ok(n, new Set())).sort();
}

/** The generated manifest fragment (firmware/ and npm modules; hosts/moddable has its own manifest). */
export async function generateModulesManifest(root: string, product: string): Promise<Record<string, unknown>> {
  const groups = new Map<string, Set<string>>();
  const preload = new Set<string>();
  let allPreloadable: Set<string> | undefined;
  for (const target of TARGETS) {
    const { modules, imports } = await productGraph(root, product, target);
    const pre = new Set(preloadable(imports));
    allPreloadable = allPreloadable === undefined ? pre : new Set([...allPreloadable].filter((n) => pre.has(n)));
    for (const [name, file] of modules) {
      if (file.startsWith('hosts/') || file.startsWith('manifests/')) continue;
      const source = file.startsWith('node_modules/') ? `$(TINYDID)/${file}` : `$(TINYDID)/${file.replace(/\.ts$/, '')}`;
      const slash = name.lastIndexOf('/');
      const dir = slash < 0 ? '' : name.slice(0, slash);
      const leaf = name.slice(slash + 1);
      const base = posix.basename(file).replace(/\.(ts|js)$/, '');
      // "dir/*": [sources] when the file's base name is the module's leaf name; else a single named entry.
      const key = base === leaf && dir !== '' ? `${dir}/*` : name;
      if (!groups.has(key)) groups.set(key, new Set());
      (groups.get(key) as Set<string>).add(source);
    }
  }
  for (const name of allPreloadable ?? []) if (!name.startsWith('hosts/')) preload.add(name);
  const modules: Record<string, string | string[]> = {};
  for (const key of [...groups.keys()].sort()) {
    const sources = [...(groups.get(key) as Set<string>)].sort();
    modules[key] = sources.length === 1 ? sources[0] : sources;
  }
  return {
    '//': `Generated by \`npm run firmware -- --product ${product} --modules\` from the import closure of ${productEntry(product)} on ${TARGETS.join(', ')} (tools/firmware/modules.ts); test/node/manifests.test.ts fails when it is out of date.`,
    modules,
    preload: [...preload].sort(),
  };
}

export function modulesManifestPath(product: string): string {
  return `manifests/${product}/modules.json`;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
