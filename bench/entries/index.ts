// The benchmark entries, in table order. Each is a module exporting
// `run(options): Promise<BenchRow[]>`, loaded only when it runs.
import type { BenchOptions, BenchRow } from '../types';

export interface EntryModule {
  run(options: BenchOptions): Promise<BenchRow[]>;
}

export const ENTRIES: { name: string; load: () => Promise<EntryModule> }[] = [
  { name: 'crypto', load: () => import('./crypto') },
  { name: 'throughput', load: () => import('./throughput') },
  { name: 'wire', load: () => import('./wire') },
  { name: 'xs-cost', load: () => import('./xs-cost') },
  { name: 'firmware', load: () => import('./firmware') },
  { name: 'cbor-cose', load: () => import('./cbor-cose') },
  { name: 'footprint', load: () => import('./footprint') },
];
