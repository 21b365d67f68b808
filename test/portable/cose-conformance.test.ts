// Every file in ../shared/vectors/cose, each with its expected outcome
// (test/fixtures/cose-expectations.ts). Runs on Node and on XS.
import { COSE_EXPECTATIONS } from '../fixtures/cose-expectations';
import { equal, ok } from '../support/assert';
import { runCoseVector, type VectorResult } from '../support/cose-conformance';
import { vectorFiles, vectorText } from '../support/vectors';

function label(r: VectorResult): string {
  if (r.outcome === 'reproduced') return r.exact === true ? 'reproduced exact' : 'reproduced';
  if (r.outcome === 'rejected') return `rejected ${r.code}`;
  return r.outcome;
}

function report(line: string): void {
  const g = globalThis as { console?: { log(s: string): void }; print?: (s: string) => void };
  if (g.console !== undefined) g.console.log(line);
  else if (g.print !== undefined) g.print(line);
}

const files = vectorFiles('cose').filter((f) => f.endsWith('.json'));
const results = new Map<string, VectorResult>();

describe('cose: conformance with every cose-wg example (../shared/vectors/cose)', () => {
  it('lists every vector file in the expectations, and nothing else', () => {
    const listed = Object.keys(COSE_EXPECTATIONS).sort();
    equal(files.map((f) => f.slice('cose/'.length)).join('\n'), listed.join('\n'));
    equal(vectorFiles('cose').length, files.length, 'only JSON files in cose/');
  });

  for (const file of files) {
    const name = file.slice('cose/'.length);
    it(`${name}: ${COSE_EXPECTATIONS[name] ?? '(not listed)'}`, () => {
      const r = runCoseVector(vectorText(file));
      results.set(name, r);
      equal(label(r), COSE_EXPECTATIONS[name], name);
    });
  }

  it('prints the four counts per folder', () => {
    equal(results.size, files.length, 'every file ran');
    const folders = new Map<string, Record<string, number>>();
    for (const [name, r] of results) {
      const folder = name.slice(0, name.indexOf('/'));
      const c = folders.get(folder) ?? { reproduced: 0, exact: 0, verified: 0, rejected: 0, unsupported: 0 };
      c[r.outcome]++;
      if (r.exact === true) c.exact++;
      folders.set(folder, c);
    }
    const total = { reproduced: 0, exact: 0, verified: 0, rejected: 0, unsupported: 0 };
    report('      folder                    reproduced (exact)  verified  rejected  unsupported');
    for (const [folder, c] of [...folders].sort()) {
      report(`      ${folder.padEnd(26)}${String(c.reproduced).padStart(10)} (${c.exact})${String(c.verified).padStart(10)}${String(c.rejected).padStart(10)}${String(c.unsupported).padStart(13)}`);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    }
    report(`      ${'total'.padEnd(26)}${String(total.reproduced).padStart(10)} (${total.exact})${String(total.verified).padStart(10)}${String(total.rejected).padStart(10)}${String(total.unsupported).padStart(13)}`);
    equal(total.reproduced + total.verified + total.rejected + total.unsupported, files.length);
    ok(total.reproduced > 0 && total.rejected > 0);
  });
});
