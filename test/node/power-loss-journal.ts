// The journal a power-loss child writes (one JSON line per event), shared by
// test/node/power-loss-child.ts and test/node/power-loss-file-kv.test.ts.
import type { Snapshot } from '../portable/storage-power-loss-sequence';

export interface JournalLine {
  event: 'open' | 'start' | 'snapshot' | 'done';
  op?: number;
  snapshot?: { keys: [string, string][]; active: string | null; values: [string, number][] };
  steps?: number;
}

export function serialize(s: Snapshot): JournalLine['snapshot'] {
  return { keys: [...s.keys], active: s.active ?? null, values: [...s.values] };
}

export function deserialize(s: NonNullable<JournalLine['snapshot']>): Snapshot {
  return { keys: new Map(s.keys), active: s.active ?? undefined, values: new Map(s.values) };
}
