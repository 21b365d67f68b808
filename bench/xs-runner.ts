// Runs a bench program on the XS engine (xsnap). The program is a TypeScript
// file bundled with esbuild (iife, es2022, as the XS test lane does); it prints
// one JSON line `RESULT {...}` that is returned parsed. With `instructions`,
// the run happens under valgrind's callgrind and the total instruction count
// of the process is returned too (exactly repeatable for the same inputs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ensureXsnap } from '../tools/xs/build-xsnap';
import { XS_BUNDLE_OPTIONS } from '../tools/xs/esbuild-xs';

export function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Bundles `entry` for xsnap, with `define` replacing identifiers (e.g. MODE). */
export async function bundleForXs(entry: string, outfile: string, define: Record<string, string> = {}, minify = false): Promise<number> {
  const result = await build({
    entryPoints: [entry],
    ...XS_BUNDLE_OPTIONS,
    outfile,
    define,
    minify,
    metafile: true,
  });
  return Object.values(result.metafile.outputs)[0].bytes;
}

export interface XsRun<T> {
  result: T;
  instructions?: number;
}

export async function runOnXs<T>(entry: string, define: Record<string, string> = {}, options: { instructions?: boolean } = {}): Promise<XsRun<T>> {
  const xsnap = ensureXsnap();
  const work = mkdtempSync(join(tmpdir(), 'tinydid-bench-'));
  try {
    const script = join(work, 'bench.js');
    await bundleForXs(entry, script, define);
    const args = options.instructions
      ? ['--tool=callgrind', `--callgrind-out-file=${join(work, 'callgrind.out')}`, xsnap, script]
      : [script];
    const run = spawnSync(options.instructions ? 'valgrind' : xsnap, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60 * 1000 });
    const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`xs bench ${entry} printed no RESULT (exit ${run.status}): ${run.stdout}${run.stderr}`);
    const result = JSON.parse(line.slice('RESULT '.length)) as T;
    if (!options.instructions) return { result };
    const out = readdirSync(work).find((f) => f.startsWith('callgrind.out'));
    const summary = out ? /^summary:\s+(\d+)/m.exec(readFileSync(join(work, out), 'utf8')) : null;
    return { result, instructions: summary ? Number(summary[1]) : undefined };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
