// What a benchmark entry returns: rows of one table. A figure that is compared
// with something names its baseline and carries the ratio, both measured in
// the same run.
export interface BenchRow {
  /** Table section, e.g. 'throughput', 'wire size', 'xs cost', 'firmware', 'footprint'. */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, e.g. 'didcomm-node JSON authcrypt'. */
  baseline?: string;
  baselineValue?: number;
  /** value / baselineValue, or the ratio the note explains. */
  ratio?: number;
  /** A target the issue sets, as text (e.g. '<= 244 B', '>= 3x'). */
  target?: string;
  /** Whether the figure meets its target, when there is one. */
  met?: boolean;
  note?: string;
}

export interface BenchOptions {
  /** Run every benchmark briefly (CI proves they run; no timing is asserted). */
  quick: boolean;
}

export interface BenchEntry {
  name: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}
