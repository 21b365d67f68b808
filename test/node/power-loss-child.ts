// Child process of test/node/power-loss-file-kv.test.ts: runs the power-loss
// sequence on a real store directory through the Node file KV and SIGKILLs
// itself right after file-system step number KILL_AT (0: never). Before each
// operation and after each completed one it appends a line to the journal
// (synchronously), so the parent knows what was promised when the kill came.
// usage: node power-loss-child.mjs STORE_DIR JOURNAL KILL_AT PROFILE
import { appendFileSync } from 'node:fs';
import type { KeyStoreProfile } from '../../firmware/keys/open-key-store';
import { openNodeKeyStore } from '../../hosts/node/key-store';
import { operations, snapshot, type Session } from '../portable/storage-power-loss-sequence';
import { serialize, type JournalLine } from './power-loss-journal';

function main(): void {
  const [dir, journal, killAtText, profile] = process.argv.slice(2);
  const killAt = Number(killAtText);
  let steps = 0;
  const write = (line: JournalLine): void => appendFileSync(journal, `${JSON.stringify(line)}\n`);
  const onStep = (): void => {
    steps++;
    if (steps === killAt) process.kill(process.pid, 'SIGKILL');
  };
  write({ event: 'open' });
  const node = openNodeKeyStore({ dir, profile: profile as KeyStoreProfile, onStep });
  const s: Session = { kv: node.kv, store: node.store, rotation: node.rotation('device'), roles: new Map() };
  write({ event: 'snapshot', snapshot: serialize(snapshot(s)) });
  operations(profile as KeyStoreProfile).forEach((op, i) => {
    write({ event: 'start', op: i });
    op.run(s);
    write({ event: 'snapshot', snapshot: serialize(snapshot(s)) });
  });
  write({ event: 'done', steps });
}

main();
