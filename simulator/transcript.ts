// The story a person can follow: every event of a scenario (who sends what to
// whom, on which link, bytes on the wire, verdicts) and the scenario's checks.
// Human text (colour when stdout is a terminal), or with --json one JSON
// object per line; --quiet keeps only the summary; a progress line on stderr
// for long runs. The final line is `N passed, N failed` over the checks (the
// expected verdicts of the scenario).
import { toHex } from '../firmware/bytes/hex';
import type { VirtualClock } from './clock';

export type EventKind =
  | 'scene' // a new part of the story
  | 'step' // narration: what happens
  | 'message' // a message crossing a link
  | 'verdict' // an agent's decision about what it received
  | 'fault' // an injected fault: loss, power cut
  | 'check' // an expected verdict, evaluated
  | 'figure'; // a measured figure (fleet runs)

export interface SimEvent {
  /** Virtual milliseconds since the start of the scenario. */
  t: number;
  kind: EventKind;
  text: string;
  from?: string;
  to?: string;
  link?: string;
  /** Bytes of the message (the payload the link carries). */
  bytes?: number;
  /** Packets on a framed link, and the bytes they took including frame headers. */
  packets?: number;
  wireBytes?: number;
  verdict?: string;
  /** Expected verdict (check events). */
  expected?: string;
  /** The message bytes in hex, when the scenario shows them. */
  hex?: string;
  [extra: string]: unknown;
}

export interface TranscriptOptions {
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  /** Write a progress line to stderr for long runs. */
  progress?: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const ANSI = Object.freeze({ reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', magenta: '\x1b[35m', cyan: '\x1b[36m' });

const GOOD_VERDICTS = new Set(['accepted', 'valid', 'delivered', 'installed', 'granted', 'verified', 'pass', 'onboarded', 'confirmed', 'recovered', 'ok', 'allowed']);

/** Virtual time as +HH:MM:SS.mmm (with days when needed). */
export function formatVirtualTime(t: number): string {
  const ms = Math.floor(t % 1000);
  const s = Math.floor(t / 1000);
  const days = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `+${days > 0 ? `${days}d ` : ''}${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(ms, 3)}`;
}

export class Transcript {
  readonly events: SimEvent[] = [];
  readonly #clock: VirtualClock;
  readonly #o: TranscriptOptions;
  #passed = 0;
  #failed = 0;
  #progressShown = false;
  #lastProgressStep = -1;
  /** Keep every event in memory (tests read them); a fleet run turns it off. */
  keepEvents = true;

  constructor(clock: VirtualClock, options: TranscriptOptions) {
    this.#clock = clock;
    this.#o = options;
  }

  get passed(): number {
    return this.#passed;
  }

  get failed(): number {
    return this.#failed;
  }

  #c(code: keyof typeof ANSI, text: string): string {
    return this.#o.color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  }

  emit(event: Omit<SimEvent, 't'> & { t?: number }): SimEvent {
    const full: SimEvent = { t: event.t ?? this.#clock.now(), ...event } as SimEvent;
    if (this.keepEvents) this.events.push(full);
    if (this.#o.quiet) return full;
    this.#clearProgress();
    if (this.#o.json) {
      this.#o.stdout(`${JSON.stringify(full)}\n`);
    } else {
      this.#o.stdout(this.#human(full));
    }
    return full;
  }

  scene(title: string): void {
    this.emit({ kind: 'scene', text: title });
  }

  step(text: string, extra: Partial<SimEvent> = {}): void {
    this.emit({ ...extra, kind: 'step', text });
  }

  fault(text: string, extra: Partial<SimEvent> = {}): void {
    this.emit({ ...extra, kind: 'fault', text });
  }

  figure(text: string, extra: Partial<SimEvent> = {}): void {
    this.emit({ ...extra, kind: 'figure', text });
  }

  /** An agent's decision about something it received. */
  verdict(by: string, verdict: string, text: string, extra: Partial<SimEvent> = {}): void {
    this.emit({ ...extra, kind: 'verdict', from: extra.from, to: by, verdict, text });
  }

  /** One of the scenario's expected verdicts: passes when `actual` is `expected`. */
  check(text: string, expected: string, actual: string, extra: Partial<SimEvent> = {}): boolean {
    const good = expected === actual;
    if (good) this.#passed++;
    else this.#failed++;
    this.emit({ ...extra, kind: 'check', text, expected, verdict: actual, result: good ? 'pass' : 'fail' });
    return good;
  }

  /** A check on a condition (expected 'yes'). */
  expect(text: string, condition: boolean, extra: Partial<SimEvent> = {}): boolean {
    return this.check(text, 'yes', condition ? 'yes' : 'no', extra);
  }

  /** Progress of a long phase, on stderr (a bar on a terminal; a line per quarter otherwise). */
  progress(label: string, done: number, total: number): void {
    if (!this.#o.progress || total <= 0) return;
    const fraction = Math.min(1, done / total);
    if (this.#o.color) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.#o.stderr(`\r\x1b[2K${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
      this.#progressShown = true;
      if (done >= total) this.#clearProgress();
      return;
    }
    if (total < 100) return;
    const quarter = Math.floor(fraction * 4);
    if (quarter > 0 && quarter !== this.#lastProgressStep) {
      this.#lastProgressStep = quarter;
      this.#o.stderr(`${label}: ${done}/${total} (${Math.round(fraction * 100)}%)\n`);
    }
    if (done >= total) this.#lastProgressStep = -1;
  }

  #clearProgress(): void {
    if (this.#progressShown) {
      this.#o.stderr('\r\x1b[2K');
      this.#progressShown = false;
    }
  }

  /** The final line: `N passed, N failed`. */
  summary(): string {
    this.#clearProgress();
    const line = `${this.#passed} passed, ${this.#failed} failed`;
    if (this.#o.json) this.#o.stdout(`${JSON.stringify({ t: this.#clock.now(), kind: 'summary', passed: this.#passed, failed: this.#failed })}\n`);
    this.#o.stdout(this.#o.json ? '' : `\n${this.#failed === 0 ? this.#c('green', line) : this.#c('red', line)}\n`);
    return line;
  }

  #human(e: SimEvent): string {
    const time = this.#c('dim', formatVirtualTime(e.t).padStart(17));
    const indent = ' '.repeat(18);
    switch (e.kind) {
      case 'scene':
        return `\n${this.#c('bold', `== ${e.text} ==`)}\n`;
      case 'step':
        return `${time} ${e.text}\n`;
      case 'figure':
        return `${time} ${this.#c('blue', e.text)}\n`;
      case 'fault':
        return `${time} ${this.#c('yellow', `! ${e.text}`)}\n`;
      case 'message': {
        const route = `${this.#c('cyan', e.from ?? '?')} ${this.#c('magenta', `--${e.link ?? '?'}-->`)} ${this.#c('cyan', e.to ?? '?')}`;
        const size = e.bytes === undefined ? '' : e.packets === undefined ? `  ${e.bytes} B` : `  ${e.bytes} B, ${e.packets} packet${e.packets === 1 ? '' : 's'}${e.wireBytes === undefined ? '' : ` (${e.wireBytes} B on air)`}`;
        const lost = e.verdict === 'lost' ? `  ${this.#c('red', 'LOST')}` : '';
        let out = `${time} ${route}  ${e.text}${this.#c('dim', size)}${lost}\n`;
        if (typeof e.hex === 'string') {
          for (let i = 0; i < e.hex.length; i += 64) out += `${indent}  ${this.#c('dim', e.hex.slice(i, i + 64).replace(/(..)/g, '$1 ').trimEnd())}\n`;
        }
        return out;
      }
      case 'verdict': {
        const good = GOOD_VERDICTS.has(e.verdict ?? '');
        const mark = good ? this.#c('green', `✓ ${e.verdict}`) : this.#c('red', `✗ ${e.verdict}`);
        return `${time} ${this.#c('cyan', e.to ?? '?')}: ${mark}  ${e.text}\n`;
      }
      case 'check': {
        const good = e.result === 'pass';
        const mark = good ? this.#c('green', 'PASS') : this.#c('red', 'FAIL');
        const detail = good ? '' : `  (expected ${e.expected}, got ${e.verdict})`;
        return `${time} ${mark} ${e.text}${detail}\n`;
      }
      default:
        return `${time} ${e.text}\n`;
    }
  }
}

/** Hex of a message for the transcript. */
export function hexOf(bytes: Uint8Array): string {
  return toHex(bytes);
}
