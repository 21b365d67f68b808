// What a scenario is and what it gets to run: the virtual clock, the seeded
// choice generator, the transcript, links, and a storage root for its agents.
// `runScenario` is what `tinydid simulate NAME` calls.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../firmware/bytes/hex';
import type { Random } from '../firmware/host/random';
import { nodeRandom } from '../hosts/node/random';
import { SEEDED_EPOCH_MS, VirtualClock } from './clock';
import { BleLink, type BleOptions } from './links/ble';
import { MqttLink, externalBroker, startEmbeddedBroker, type Broker } from './links/mqtt';
import { MemoryLink, type SimLink, type Transfer } from './links/sim-link';
import { SeededRandom } from './random';
import { Transcript, hexOf, type SimEvent } from './transcript';

export interface SimOptions {
  /** --seed: reproducible run (choices, losses, clock, device keys). */
  seed?: string;
  /** --loss: per-packet loss on simulated links (0..1). */
  loss: number;
  /** --power-cut: fraction of devices that lose power at a random write during an install (0..1). */
  powerCut?: number;
  json: boolean;
  quiet: boolean;
  color: boolean;
  progress: boolean;
  /** --devices (fleet scenarios). */
  devices?: number;
  /** --shard I/N: this process runs the devices i with i % N == I. */
  shard?: { index: number; count: number };
  /** --mqtt URL: external broker instead of the embedded one. */
  mqtt?: string;
  /** --state DIR: keep agents' storage there (default: a temporary directory, removed after the run). */
  stateDir?: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Scenario {
  name: string;
  summary: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export class ScenarioContext {
  readonly options: SimOptions;
  readonly clock: VirtualClock;
  readonly choices: SeededRandom;
  readonly transcript: Transcript;
  /** Where agents keep their storage (one directory each). */
  readonly root: string;
  readonly #closers: (() => Promise<void>)[] = [];
  #broker: Promise<Broker> | undefined;
  #mqtt: Promise<MqttLink> | undefined;
  #seedRoot: SeededRandom | undefined;

  constructor(options: SimOptions, scenario: string) {
    this.options = options;
    this.#seedRoot = options.seed === undefined ? undefined : new SeededRandom(options.seed, scenario);
    this.clock = new VirtualClock(options.seed === undefined ? Date.now() : SEEDED_EPOCH_MS);
    this.choices = this.#seedRoot ? this.#seedRoot.fork('choices') : new SeededRandom(toHex(nodeRandom.fill(new Uint8Array(16))), 'choices');
    this.transcript = new Transcript(this.clock, options);
    if (options.stateDir !== undefined) {
      this.root = join(options.stateDir, scenario);
      mkdirSync(this.root, { recursive: true });
    } else {
      this.root = mkdtempSync(join(tmpdir(), `tinydid-sim-${scenario}-`));
      const root = this.root;
      this.#closers.push(async () => rmSync(root, { recursive: true, force: true }));
    }
  }

  /** Key generation for agent `name`: a seeded stream with --seed, else the host CSPRNG. */
  keyRandom(name: string): Random {
    return this.#seedRoot ? this.#seedRoot.fork(`keys/${name}`) : nodeRandom;
  }

  get seeded(): boolean {
    return this.#seedRoot !== undefined;
  }

  memory(label = 'memory'): SimLink {
    return new MemoryLink(label);
  }

  ble(options: Partial<BleOptions> = {}): BleLink {
    const link = new BleLink(this.clock, this.choices.fork('ble'), { loss: this.options.loss, ...options });
    this.#closers.unshift(() => link.close());
    return link;
  }

  /** The broker: embedded aedes on loopback, or --mqtt URL. Started once. */
  broker(): Promise<Broker> {
    if (this.#broker === undefined) {
      this.#broker = this.options.mqtt !== undefined ? Promise.resolve(externalBroker(this.options.mqtt)) : startEmbeddedBroker();
      const broker = this.#broker;
      this.#closers.push(async () => (await broker).close());
    }
    return this.#broker;
  }

  /** The scenario's MQTT link (one per run; `options` apply when it is first made). */
  mqtt(options: ConstructorParameters<typeof MqttLink>[3] = {}): Promise<MqttLink> {
    if (this.#mqtt === undefined) {
      this.#mqtt = (async () => {
        const link = new MqttLink(await this.broker(), this.runId(), this.clock, options);
        this.#closers.unshift(() => link.close());
        return link;
      })();
    }
    return this.#mqtt;
  }

  /**
   * A topic prefix for this run, unique on a shared broker even when two runs
   * have the same seed (it never appears in the transcript).
   */
  runId(): string {
    const shard = this.options.shard ? `-s${this.options.shard.index}` : '';
    return `${this.options.seed !== undefined ? `seed${this.options.seed}-` : ''}${toHex(nodeRandom.fill(new Uint8Array(4)))}${shard}`;
  }

  /**
   * Carries `message` over `link` and writes the message event: who, what,
   * link, bytes (and packets on BLE). Returns what arrived, or undefined.
   */
  async send(link: SimLink, from: string, to: string, message: Uint8Array, text: string, extra: Partial<SimEvent> & { showHex?: boolean } = {}): Promise<Uint8Array | undefined> {
    const t = this.clock.now();
    const transfer: Transfer = await link.transfer(from, to, message);
    this.report(link, from, to, message, transfer, text, { ...extra, t });
    return transfer.received;
  }

  /**
   * Carries several messages (e.g. the chunks of an image) and writes ONE
   * message event with their totals. Returns the messages that arrived, or
   * undefined when one was lost.
   */
  async sendAll(link: SimLink, from: string, to: string, messages: Uint8Array[], text: string, extra: Partial<SimEvent> = {}): Promise<Uint8Array[] | undefined> {
    const t = this.clock.now();
    const total: Transfer = { received: new Uint8Array(0), bytes: 0, packets: 0, wireBytes: 0, attempts: 1, ms: 0 };
    const received: Uint8Array[] = [];
    let lost = false;
    for (const m of messages) {
      const one = await link.transfer(from, to, m);
      total.bytes += one.bytes;
      total.packets += one.packets;
      total.wireBytes += one.wireBytes;
      total.attempts = Math.max(total.attempts, one.attempts);
      if (one.received === undefined) lost = true;
      else received.push(one.received);
    }
    if (lost) total.received = undefined;
    this.report(link, from, to, new Uint8Array(0), total, `${text} (${messages.length} messages)`, { ...extra, t, messages: messages.length });
    return lost ? undefined : received;
  }

  /** Writes the message event of a transfer. */
  report(link: SimLink, from: string, to: string, message: Uint8Array, transfer: Transfer, text: string, extra: Partial<SimEvent> & { showHex?: boolean } = {}): void {
    const t = extra.t ?? this.clock.now();
    const { showHex, ...rest } = extra;
    const event: Partial<SimEvent> = { ...rest, t, from, to, link: link.label, bytes: transfer.bytes };
    if (link.kind === 'ble') {
      event.packets = transfer.packets;
      event.wireBytes = transfer.wireBytes;
      if (transfer.attempts > 1) event.attempts = transfer.attempts;
    }
    if (showHex) event.hex = hexOf(message);
    if (transfer.received === undefined) event.verdict = 'lost';
    this.transcript.emit({ ...event, kind: 'message', text: transfer.attempts > 1 ? `${text} (sent ${transfer.attempts} times)` : text } as SimEvent);
  }

  onClose(closer: () => Promise<void>): void {
    this.#closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.#closers.splice(0)) {
      try {
        await closer();
      } catch {
        // closing is best effort; the run's verdicts are already counted
      }
    }
  }
}

export interface RunResult {
  passed: number;
  failed: number;
  events: SimEvent[];
}

/** Runs a scenario to the end and prints the summary; an exception is a failed check. */
export async function runScenario(scenario: Scenario, options: SimOptions): Promise<RunResult> {
  const ctx = new ScenarioContext(options, scenario.name);
  try {
    await scenario.run(ctx);
  } catch (error) {
    ctx.transcript.check(`scenario ${scenario.name} ran to the end`, 'completed', `crashed: ${error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error)}`);
    if (error instanceof Error && error.stack && !options.json) options.stderr(`${error.stack}\n`);
  } finally {
    await ctx.close();
  }
  ctx.transcript.summary();
  return { passed: ctx.transcript.passed, failed: ctx.transcript.failed, events: ctx.transcript.events };
}
