// Issue "npm run bench" item 3: on the XS engine (xsnap), the cost of
// authcrypt unpack, signed verify and SUIT manifest verify, each as a ratio to
// the one primitive it cannot avoid (X25519, Ed25519 verify, P-256 verify),
// measured in the same run. With valgrind present the figures are callgrind
// instruction counts (exactly repeatable); otherwise wall time.
// ratio = (protocol run - setup run) / (primitive run - setup run).
import { fileURLToPath } from 'node:url';
import { hasValgrind, runOnXs } from '../xs-runner';
import type { BenchOptions, BenchRow } from '../types';

const PROGRAM = fileURLToPath(new URL('../xs/cost-program.ts', import.meta.url));

const PAIRS = [
  { kind: 'authcrypt', name: 'compact authcrypt unpack', primitive: 'X25519' },
  { kind: 'signed', name: 'compact signed unpack (verify)', primitive: 'Ed25519 verify' },
  { kind: 'suit', name: 'SUIT manifest verify (ES256)', primitive: 'P-256 verify' },
] as const;

export async function run({ quick }: BenchOptions): Promise<BenchRow[]> {
  const instructions = hasValgrind();
  const count = quick ? 1 : instructions ? 3 : 10;
  const rows: BenchRow[] = [];
  for (const pair of PAIRS) {
    const measure = async (mode: string): Promise<number> => {
      const r = await runOnXs<{ ms: number }>(PROGRAM, { KIND: JSON.stringify(pair.kind), MODE: JSON.stringify(mode), COUNT: String(count) }, { instructions });
      return instructions ? r.instructions ?? Number.NaN : r.result.ms;
    };
    const setup = await measure('setup');
    const primitive = (await measure('primitive')) - (instructions ? setup : 0);
    const protocol = (await measure('protocol')) - (instructions ? setup : 0);
    const unit = instructions ? 'instr/op' : 'ms/op';
    rows.push({
      group: 'xs cost',
      name: pair.name,
      value: protocol / count,
      unit,
      baseline: pair.primitive,
      baselineValue: primitive / count,
      ratio: protocol / primitive,
      target: '<= 1.25x',
      met: protocol / primitive <= 1.25,
      note: instructions ? 'callgrind instruction counts' : 'wall time on xsnap',
    });
  }
  return rows;
}
