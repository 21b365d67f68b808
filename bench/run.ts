// `npm run bench [-- --quick] [-- --only NAME]`: runs every benchmark entry in
// one process, prints one table and writes bench/results.json. A program, not a
// test: it asserts nothing about timing. See BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENTRIES } from './entries/index';
import type { BenchRow } from './types';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

function table(rows: BenchRow[]): string {
  const header = ['group', 'figure', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.group,
    r.name,
    format(r.value),
    r.unit,
    r.baseline ? `${r.baseline}${r.baselineValue !== undefined ? ` (${format(r.baselineValue)})` : ''}` : '',
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : '',
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } }, strict: true });
const quick = values.quick ?? false;
const started = Date.now();
const rows: BenchRow[] = [];
const failures: string[] = [];
for (const entry of ENTRIES) {
  if (values.only && !values.only.includes(entry.name)) continue;
  process.stderr.write(`bench: ${entry.name} ...\n`);
  try {
    const mod = await entry.load();
    rows.push(...(await mod.run({ quick })));
  } catch (error) {
    failures.push(`${entry.name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}
const results = {
  date: new Date().toISOString(),
  quick,
  machine: { platform: platform(), release: release(), cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  seconds: (Date.now() - started) / 1000,
  rows,
  failures,
};
writeFileSync(resolve(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${table(rows)}\n\n${rows.length} figures in ${results.seconds.toFixed(1)} s${quick ? ' (quick)' : ''}; written to bench/results.json\n`);
if (failures.length > 0) {
  process.stdout.write(`\n${failures.length} benchmark entries failed:\n${failures.join('\n')}\n`);
  process.exitCode = 1;
}
