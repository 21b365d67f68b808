// Issue "npm run bench" item 5 and "Firmware images" item 6: the minified
// bundle of each product image (crypto included; a proxy for XS bytecode) and
// the XS heap the glucose meter needs to boot, onboard and send a signed
// authcrypt reading. The method is in tools/firmware/footprint.ts.
import { measureFootprint } from '../../tools/firmware/footprint';
import type { BenchOptions, BenchRow } from '../types';

const SIZE_TARGET = 96 * 1024; // glucose meter, minified JS
const HEAP_TARGET = 128 * 1024; // Moddable default heap for nRF52

export async function run(_options: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const p of await measureFootprint({ log: () => {} })) {
    const meter = p.product === 'glucose-meter';
    rows.push({
      group: 'footprint',
      name: `${p.product}: minified JS bundle`,
      value: p.minifiedBytes,
      unit: 'B',
      target: meter ? '<= 96 KB' : undefined,
      met: meter ? p.minifiedBytes <= SIZE_TARGET : undefined,
      note: `gzip ${p.gzipBytes} B`,
    });
    rows.push({
      group: 'footprint',
      name: `${p.product}: XS heap, boot + onboarding + signed authcrypt reading (32-bit, beyond what preloading puts in flash)`,
      value: p.heap.deviceBytes,
      unit: 'B',
      target: meter ? '<= 128 KB' : undefined,
      met: meter ? p.heap.deviceBytes <= HEAP_TARGET : undefined,
      note: `${p.heap.modules - p.heap.notPreloaded.length} of ${p.heap.modules} modules preloaded; ${p.heap.withoutPreloadBytes} B if none were; the phone checked the ${p.flow.readingBytes}-byte reading`,
    });
  }
  return rows;
}
