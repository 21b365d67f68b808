// The XS lane: builds xsnap if missing, bundles the portable suites, runs them on
// xsnap under a time limit, and checks the `N passed, N failed` line the harness
// prints (xsnap's own exit status is not enough: see test/xs/harness.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureXsnap } from './build-xsnap';
import { bundleTests } from './bundle-tests';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TIME_LIMIT_MS = 15 * 60 * 1000;

export interface LaneResult {
  passed: number;
  failed: number;
}

export async function runXsLane(): Promise<LaneResult> {
  const xsnap = ensureXsnap();
  const work = mkdtempSync(join(tmpdir(), 'tinydid-xs-'));
  try {
    const bundle = join(work, 'xs-tests.js');
    const suites = await bundleTests(ROOT, bundle);
    process.stdout.write(`xs lane: ${suites.length} suites on ${xsnap}\n`);
    const run = spawnSync(xsnap, [bundle], { encoding: 'utf8', timeout: TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
    process.stdout.write(run.stdout ?? '');
    process.stderr.write(run.stderr ?? '');
    const lines = (run.stdout ?? '').trim().split('\n');
    const summary = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1] ?? '');
    if (run.error || !summary) {
      process.stdout.write(`xs lane did not finish (${run.error?.message ?? `exit ${run.status}, signal ${run.signal}`})\n`);
      return { passed: summary ? Number(summary[1]) : 0, failed: (summary ? Number(summary[2]) : 0) + 1 };
    }
    const result = { passed: Number(summary[1]), failed: Number(summary[2]) };
    if (result.failed === 0 && run.status !== 0) return { ...result, failed: 1 };
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { failed } = await runXsLane();
  process.exitCode = failed === 0 ? 0 : 1;
}
