// Bundles the portable suites (the same files mocha runs from test/portable/)
// into one iife script for xsnap. The vectors module is swapped for one that
// carries the vector files it needs inside the bundle, since XS has no file system.
import { build, type Plugin } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { vectorFiles, vectorText } from '../../test/support/vectors';
import { XS_BUNDLE_OPTIONS } from './esbuild-xs';

export const PORTABLE_DIR = 'test/portable';

/** Every *.test.ts under test/portable, sorted: the XS lane's share of mocha's spec. */
export function portableSuites(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.test.ts')) out.push(rel);
    }
  };
  walk(PORTABLE_DIR);
  return out;
}

function embeddedVectors(root: string): Plugin {
  return {
    name: 'embedded-vectors',
    setup(b) {
      // Any import that resolves to test/support/vectors(.ts), whatever its spelling.
      const target = resolve(root, 'test/support/vectors');
      b.onResolve({ filter: /(^|\/)vectors(\.ts)?$/ }, (args) => {
        const path = resolve(args.resolveDir, args.path).replace(/\.ts$/, '');
        return path === target ? { path, namespace: 'vectors' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'vectors' }, () => {
        const files: Record<string, string> = {};
        for (const path of vectorFiles('')) {
          if (/\.(json|txt|pem|cddl|cbor|md)$/.test(path)) files[path] = vectorText(path);
        }
        return {
          loader: 'js',
          contents: `const FILES = ${JSON.stringify(files)};
export function vectorsRoot() { return 'embedded'; }
export function vectorText(path) {
  if (!Object.prototype.hasOwnProperty.call(FILES, path)) throw new Error('no vector ' + path);
  return FILES[path];
}
export function vectorFiles(dir) {
  const prefix = dir === '' ? '' : dir + '/';
  return Object.keys(FILES).filter((p) => p.startsWith(prefix)).sort();
}`,
        };
      });
    },
  };
}

/** Writes the XS test bundle to `outfile`; returns the suites it holds. */
export async function bundleTests(root: string, outfile: string): Promise<string[]> {
  const suites = portableSuites(root);
  const entry = [
    `import './test/xs/install-globals';`,
    ...suites.map((s) => `import './${s.replace(/\.ts$/, '')}';`),
    `import { runAll } from './test/xs/harness';`,
    `runAll();`,
  ].join('\n');
  await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'xs-entry.ts', loader: 'ts' },
    ...XS_BUNDLE_OPTIONS,
    outfile,
    plugins: [embeddedVectors(root)],
  });
  return suites.map((s) => relative(root, join(root, s)));
}
