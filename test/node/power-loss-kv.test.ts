// Power-loss sweep on Node over the fault-injecting media (issue 4 point 7):
// every step of the sequence, clean and torn, for both atomic KV layers and
// both key store profiles. The number of cut points is printed and asserted.
import { equal, ok } from '../support/assert';
import { allCuts, checkCut, referenceRun, type MediumKind } from '../portable/storage-power-loss-sequence';
import type { KeyStoreProfile } from '../../firmware/keys/open-key-store';

const CASES: [MediumKind, KeyStoreProfile][] = [
  ['file', 'software'],
  ['file', 'secure-element'],
  ['flash', 'software'],
  ['flash', 'secure-element'],
];

describe('power loss: fault-injecting KV, every cut point', () => {
  for (const [kind, profile] of CASES) {
    it(`${kind} medium, ${profile} profile`, () => {
      const reference = referenceRun(kind, profile);
      const cuts = allCuts(reference);
      const torn = cuts.filter((c) => c.torn !== undefined).length;
      ok(reference.steps > 20, `the sequence makes writes (${reference.steps})`);
      const ops = new Set<string>();
      for (const cut of cuts) ops.add(checkCut(kind, profile, cut));
      // Every writing operation (all but sign and agree), and the first open, was interrupted.
      equal([...ops].sort().join(", "), "advance firmware to 1000, advance firmware to 7, destroy derive key, first open, generate derive key, increment readings, rotate, rotation start");
      process.stdout.write(`      ${kind}/${profile}: ${reference.steps} steps, ${cuts.length} cut points (${cuts.length - torn} clean, ${torn} torn)\n`);
    });
  }
});
