// Issue "npm run bench" item 4 (and "Signed firmware updates" item 9): the
// streaming verification pass of a 1 MiB image in 4 KiB chunks through the
// update session, against one plain SHA-256 pass over the same bytes with the
// same suite, in the same run; on Node (node and portable suites) and on XS.
// The read-back re-hash before activation is reported on its own.
import { fileURLToPath } from 'node:url';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { benchStreaming, type StreamingBenchResult } from '../../firmware/update/bench-streaming';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { runOnXs } from '../xs-runner';
import type { BenchOptions, BenchRow } from '../types';

const PROGRAM = fileURLToPath(new URL('../xs/streaming-program.ts', import.meta.url));

function rows(engine: string, r: StreamingBenchResult): BenchRow[] {
  const size = `${r.size / 1024} KiB`;
  return [
    {
      group: 'firmware',
      name: `${engine}: streaming verify ${size} (${r.chunk / 1024} KiB chunks)`,
      value: r.streamMs,
      unit: 'ms',
      baseline: 'one SHA-256 pass',
      baselineValue: r.plainMs,
      ratio: r.ratio,
      target: '<= 1.10x',
      met: r.ratio <= 1.1,
    },
    {
      group: 'firmware',
      name: `${engine}: read-back re-hash ${size}`,
      value: r.readBackMs,
      unit: 'ms',
      baseline: 'one SHA-256 pass',
      baselineValue: r.plainMs,
      ratio: r.readBackRatio,
      note: 'second pass by design, before activation',
    },
  ];
}

export async function run({ quick }: BenchOptions): Promise<BenchRow[]> {
  const size = quick ? 64 * 1024 : 1024 * 1024;
  const out: BenchRow[] = [];
  // 25 rounds on Node: with node:crypto one pass is ~0.6 ms, so the fastest of
  // few rounds is mostly scheduling noise on a loaded machine.
  for (const suite of [nodeSuite, portableSuite]) {
    out.push(...rows(`node, ${suite.name} suite`, benchStreaming({ suite, now: () => performance.now(), size, rounds: quick ? 1 : 25 })));
  }
  const xs = await runOnXs<StreamingBenchResult>(PROGRAM, { SIZE: String(size), ROUNDS: quick ? '1' : '5' });
  out.push(...rows('xs, portable suite', xs.result));
  return out;
}
