// Lists the project's own TypeScript sources for tests that read code as data.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Every .ts file under `dir` (project-relative, `/`-separated), skipping .d.ts when asked. */
export function sourceFiles(dir: string, { declarations = true } = {}): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(PROJECT_ROOT, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (statSync(join(PROJECT_ROOT, child)).isDirectory()) walk(child);
      else if (name.endsWith('.ts') && (declarations || !name.endsWith('.d.ts'))) out.push(child);
    }
  };
  walk(dir);
  return out;
}

export function readSource(rel: string): string {
  return readFileSync(join(PROJECT_ROOT, rel), 'utf8');
}

/** Module specifiers of every import/export-from/dynamic import in `source`. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}
