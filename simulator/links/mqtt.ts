// MQTT between agents over a real broker: the embedded broker (aedes, on an
// ephemeral loopback port) by default, or an external one (`--mqtt URL`, e.g.
// Debian's mosquitto). Every agent has its own client connection and its own
// inbox topic `tinydid/<run>/<agent>/<seq>`; messages go with QoS 1 and the
// transfer completes when the receiving agent's client has the message.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import type { VirtualClock } from '../clock';
import type { SimLink, Transfer } from './sim-link';

export interface Broker {
  url: string;
  /** 'embedded (aedes)' or the external URL. */
  description: string;
  close(): Promise<void>;
}

/** Starts aedes on 127.0.0.1 at a free port. */
export async function startEmbeddedBroker(): Promise<Broker> {
  const aedes = await Aedes.createBroker();
  // No Nagle delay: small QoS 1 round trips would otherwise stall on delayed ACKs.
  const server: Server = createServer({ noDelay: true }, aedes.handle);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    description: 'the embedded broker (aedes) on a loopback port',
    async close() {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** An external broker the run does not own. */
export function externalBroker(url: string): Broker {
  return { url, description: `external broker ${url}`, close: async () => {} };
}

interface Waiter {
  resolve(bytes: Uint8Array | undefined): void;
  timer: NodeJS.Timeout;
}

interface Agent {
  client: MqttClient;
  waiters: Map<string, Waiter>;
  early: Map<string, Uint8Array>;
}

export interface MqttLinkOptions {
  /** Virtual milliseconds a message takes (default 40: a gateway or cloud hop). */
  latencyMs?: number;
  /** Advance the virtual clock on each transfer (off when a fleet runs transfers in parallel). */
  advanceClock?: boolean;
  /** Real milliseconds to wait for a message before calling it lost. */
  timeoutMs?: number;
}

export class MqttLink implements SimLink {
  readonly kind = 'mqtt';
  readonly label = 'mqtt';
  readonly broker: Broker;
  readonly #run: string;
  readonly #clock: VirtualClock;
  readonly #agents = new Map<string, Promise<Agent>>();
  readonly #latencyMs: number;
  readonly #timeoutMs: number;
  advanceClock: boolean;
  #seq = 0;
  /** Messages published and received over the link's life. */
  published = 0;
  delivered = 0;

  constructor(broker: Broker, run: string, clock: VirtualClock, options: MqttLinkOptions = {}) {
    this.broker = broker;
    this.#run = run;
    this.#clock = clock;
    this.#latencyMs = options.latencyMs ?? 40;
    this.#timeoutMs = options.timeoutMs ?? 15000;
    this.advanceClock = options.advanceClock ?? true;
  }

  #topic(agent: string, seq?: number): string {
    return `tinydid/${this.#run}/${agent}/${seq === undefined ? '+' : seq}`;
  }

  /** Connects agent `name` to the broker and subscribes its inbox (once). */
  attach(name: string): Promise<Agent> {
    let agent = this.#agents.get(name);
    if (agent === undefined) {
      agent = (async () => {
        const client = await connectAsync(this.broker.url, { clientId: `tinydid-${this.#run}-${name}`, clean: true, reconnectPeriod: 0, connectTimeout: 10000 });
        const socket = client.stream as unknown as { setNoDelay?: (on: boolean) => void };
        socket.setNoDelay?.(true);
        const a: Agent = { client, waiters: new Map(), early: new Map() };
        client.on('message', (topic, payload) => {
          const bytes = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength).slice();
          const waiter = a.waiters.get(topic);
          if (waiter) {
            a.waiters.delete(topic);
            clearTimeout(waiter.timer);
            waiter.resolve(bytes);
          } else {
            a.early.set(topic, bytes);
          }
        });
        await client.subscribeAsync(this.#topic(name), { qos: 1 });
        return a;
      })();
      this.#agents.set(name, agent);
    }
    return agent;
  }

  async transfer(from: string, to: string, message: Uint8Array): Promise<Transfer> {
    return (await this.transferMany(from, to, [message]))[0];
  }

  /**
   * Publishes `messages` back to back (pipelined, in order on one connection)
   * and waits for all of them to arrive: a block transfer such as the chunks
   * of a firmware image does not wait a round trip per chunk.
   */
  async transferMany(from: string, to: string, messages: readonly Uint8Array[]): Promise<Transfer[]> {
    const [sender, receiver] = await Promise.all([this.attach(from), this.attach(to)]);
    const arrivals = messages.map((message) => {
      const topic = this.#topic(to, ++this.#seq);
      return { topic, message, arrival: this.#arrival(receiver, topic) };
    });
    await Promise.all(arrivals.map(({ topic, message }) => {
      this.published++;
      return sender.client.publishAsync(topic, Buffer.from(message.buffer, message.byteOffset, message.byteLength), { qos: 1 });
    }));
    const out: Transfer[] = [];
    for (const { message, arrival } of arrivals) {
      const received = await arrival;
      if (received) this.delivered++;
      if (this.advanceClock) this.#clock.advance(this.#latencyMs);
      out.push({ received, bytes: message.length, packets: 1, wireBytes: message.length, attempts: 1, ms: this.#latencyMs });
    }
    return out;
  }

  #arrival(receiver: Agent, topic: string): Promise<Uint8Array | undefined> {
    return new Promise<Uint8Array | undefined>((resolve) => {
      const early = receiver.early.get(topic);
      if (early) {
        receiver.early.delete(topic);
        resolve(early);
        return;
      }
      receiver.waiters.set(topic, { resolve, timer: setTimeout(() => { receiver.waiters.delete(topic); resolve(undefined); }, this.#timeoutMs) });
    });
  }

  /** Agents connected so far. */
  get agents(): number {
    return this.#agents.size;
  }

  async close(): Promise<void> {
    const agents = await Promise.allSettled([...this.#agents.values()]);
    this.#agents.clear();
    await Promise.all(agents.map(async (r) => {
      if (r.status === 'fulfilled') {
        for (const w of r.value.waiters.values()) clearTimeout(w.timer);
        await r.value.client.endAsync(true).catch(() => undefined);
      }
    }));
  }
}
