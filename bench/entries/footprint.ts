// Issue "npm run bench" item 5 and "Firmware images" item 6: the minified
// bundle of each product image (crypto included; a proxy for XS bytecode) and
// the XS heap the glucose meter needs for boot + a signed reading. The method
// is in tools/firmware/footprint.ts.
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
      name: `${p.product}: XS heap, boot + signed reading (32-bit estimate)`,
      value: p.heap.deviceBytes,
      unit: 'B',
      target: meter ? '<= 128 KB' : undefined,
      met: meter ? p.heap.deviceBytes <= HEAP_TARGET : undefined,
      note: `of which the flow itself ${p.heap.flowWorkingSetBytes} B; bytecode counted (in flash on a device)`,
    });
  }
  return rows;
}
