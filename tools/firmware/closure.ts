// The files a device image needs: the static import closure of a product's
// entry, found with esbuild (its metafile lists every file it loaded, before
// tree shaking, which is what the Moddable image carries: mcconfig compiles
// whole modules and does not tree-shake). Moddable SDK modules are external.
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Module names the Moddable runtime provides (declared in hosts/moddable/types). */
export const MODDABLE_MODULES = Object.freeze(['bleserver', 'btutils', 'crypt', 'flash', 'instrumentation', 'mc/config', 'preference', 'time', 'timer']);

/** firmware/crypto primitive modules the device images take from hosts/moddable/crypto (same exports, no @noble). */
export const DEVICE_CRYPTO_MODULES = Object.freeze(['curves', 'hashes', 'ciphers']);
const DEVICE_CRYPTO: Record<string, Readonly<Record<string, string>>> = Object.fromEntries(
  DEVICE_CRYPTO_MODULES.map((m) => {
    const file = `hosts/moddable/crypto/${m}.ts`;
    return [`firmware/crypto/${m}`, Object.freeze({ esp32: file, nrf52: file, lin: file })];
  }),
);

/**
 * npm modules the device images take from hosts/moddable/crypto: the SHA-2 of
 * @stablelib/ed25519, hmac, hkdf and crypto/hashes.ts from the SDK's native
 * Digest, and no default random source for @stablelib. The image names each adapter by the package specifier it replaces
 * (tools/firmware/modules.ts, hosts/moddable/manifest.json).
 */
export const DEVICE_PACKAGE_MODULES: Readonly<Record<string, string>> = Object.freeze({
  '@stablelib/sha256': 'hosts/moddable/crypto/native-sha256.ts',
  '@stablelib/sha512': 'hosts/moddable/crypto/native-sha512.ts',
  // ed25519 and x25519 import it for generateKeyPair() only: the device's keys come from the Random seam.
  '@stablelib/random': 'hosts/moddable/crypto/device-random.ts',
});
const DEVICE_PACKAGES: Record<string, Readonly<Record<string, string>>> = Object.fromEntries(
  Object.entries(DEVICE_PACKAGE_MODULES).map(([name, file]) => [name, Object.freeze({ esp32: file, nrf52: file, lin: file })]),
);

/**
 * Modules that hosts/moddable/manifest.json builds from a different file per
 * platform: the import names a .d.ts, the image gets the platform's file.
 */
export const PLATFORM_MODULES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  'hosts/moddable/device-kv': Object.freeze({ esp32: 'hosts/moddable/device-kv-preference.ts', nrf52: 'hosts/moddable/device-kv-flash.ts', lin: 'hosts/moddable/device-kv-preference.ts' }),
  'hosts/moddable/device-slot': Object.freeze({ esp32: 'hosts/moddable/firmware-slot-esp32-device.ts', nrf52: 'hosts/moddable/firmware-slot-none.ts', lin: 'hosts/moddable/firmware-slot-none.ts' }),
  'hosts/moddable/native/random': Object.freeze({ esp32: 'hosts/moddable/native/random.js', nrf52: 'hosts/moddable/native/random.js', lin: 'hosts/moddable/native/random.js' }),
  'hosts/moddable/native/slot': Object.freeze({ esp32: 'hosts/moddable/native/esp32/slot.js' }),
  // The crypto primitives: @stablelib substitutes on every device (hosts/moddable/crypto).
  ...DEVICE_CRYPTO,
  // Native SHA-2 under the @stablelib package names (a bare specifier is its own key).
  ...DEVICE_PACKAGES,
});

export type Target = 'esp32' | 'nrf52' | 'lin';
export const TARGETS: readonly Target[] = Object.freeze(['esp32', 'nrf52', 'lin']);

/** Resolves our per-platform modules (relative, hosts/ and bare package specifiers) and Moddable's own modules for `target`. */
export function moddablePlugin(root: string, target: Target, stubs: Record<string, string> = {}): Plugin {
  return {
    name: 'moddable-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (MODDABLE_MODULES.includes(args.path)) {
          return stubs[args.path] !== undefined ? { path: args.path, namespace: 'moddable-stub' } : { path: args.path, external: true };
        }
        if (Object.hasOwn(DEVICE_PACKAGES, args.path)) {
          const file = DEVICE_PACKAGES[args.path][target];
          if (file === undefined) return { errors: [{ text: `${args.path} has no ${target} implementation` }] };
          return { path: join(root, file) };
        }
        if (args.path.startsWith('.') || args.path.startsWith('hosts/')) {
          const abs = args.path.startsWith('.') ? resolve(args.resolveDir, args.path) : join(root, args.path);
          const rel = abs.slice(root.length + 1).split('\\').join('/');
          const platform = PLATFORM_MODULES[rel];
          if (platform !== undefined) {
            const file = platform[target];
            if (file === undefined) return { errors: [{ text: `${rel} has no ${target} implementation` }] };
            return { path: join(root, file) };
          }
          if (args.path.startsWith('hosts/')) {
            for (const ext of ['.ts', '.js']) if (existsSync(abs + ext)) return { path: abs + ext };
          }
        }
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'moddable-stub' }, (args) => ({ contents: stubs[args.path], loader: 'js', resolveDir: root }));
      // Native bindings (`export function f() @ "xs_f"`) are XS syntax: stand in
      // with functions that throw unless the caller supplies a stub.
      b.onLoad({ filter: /hosts[\\/]moddable[\\/]native[\\/].*\.js$/ }, (args) => {
        const rel = args.path.slice(root.length + 1).split('\\').join('/');
        if (stubs[rel] !== undefined) return { contents: stubs[rel], loader: 'js', resolveDir: root };
        const names = [...readFileSync(args.path, 'utf8').matchAll(/export function (\w+)\s*\(/g)].map((m) => m[1]);
        return { contents: names.map((n) => `export function ${n}() { throw new Error('native ${n} is not available here'); }`).join('\n'), loader: 'js' };
      });
    },
  };
}

/** esbuild settings of every ESM bundle of device code (with moddablePlugin): the metafile lists its import closure. */
export const DEVICE_ESM_OPTIONS = Object.freeze({
  bundle: true,
  write: false,
  metafile: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['import', 'default'],
  logLevel: 'silent',
} satisfies BuildOptions);

/** The metafile of `entry`'s image for `target`: every file it loads, before tree shaking. */
export async function deviceMetafile(root: string, entry: string, target: Target): Promise<Metafile> {
  const result = await build({ ...DEVICE_ESM_OPTIONS, entryPoints: [join(root, entry)], absWorkingDir: root, plugins: [moddablePlugin(root, target)] });
  return result.metafile;
}

/** Project-relative paths of every file in the import closure of `entry` for `target`. */
export async function importClosure(root: string, entry: string, target: Target): Promise<string[]> {
  return Object.keys((await deviceMetafile(root, entry, target)).inputs)
    .filter((p) => !p.includes(':'))
    .map((p) => p.split('\\').join('/'))
    .sort();
}

export { dirname };
