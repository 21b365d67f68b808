// Access to the external test vectors in ../shared/vectors (read in place, never
// copied). On the XS lane this module is replaced by one generated with the same
// exports whose data is embedded in the bundle (tools/xs/bundle-tests.ts).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Absolute path of the vectors folder (TINYDID_VECTORS overrides). */
export function vectorsRoot(): string {
  return process.env.TINYDID_VECTORS ?? resolve(projectRoot, '../shared/vectors');
}

/** Text of the vector file at `path` (relative to the vectors folder, `/`-separated). */
export function vectorText(path: string): string {
  return readFileSync(join(vectorsRoot(), path), 'utf8');
}

/** Every file under `dir` (relative, sorted), e.g. vectorFiles('cose/sign1-tests'). */
export function vectorFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(vectorsRoot(), rel)).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(vectorsRoot(), child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk(dir);
  return out;
}
