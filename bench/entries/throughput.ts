// Issue "npm run bench" item 1: pack + unpack of the glucose reading with
// authcrypt (X25519): tinydid's compact profile and its JSON profile against
// didcomm-node's JSON authcrypt on the same plaintext, each with the Node
// host's suite and with the portable suite. Every tinydid operation goes
// through the library paths the CLI uses (codec registry, resolver, key store,
// replay cache, expiry check); each round uses a fresh message id.
import { codecFor } from '../../firmware/didcomm/codecs';
import type { Message } from '../../firmware/didcomm/message';
import { readingPair, type ReadingPair } from '../../firmware/didcomm/reading-pair';
import { MemoryReplayStore, ReplayCache } from '../../firmware/didcomm/replay-cache';
import type { Encoding } from '../../firmware/didcomm/types';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { nodeRandom } from '../../hosts/node/random';
import { throughput } from '../measure';
import type { BenchOptions, BenchRow } from '../types';
import { reference } from './didcomm-reference';

function roundTrip(pair: ReadingPair, encoding: Encoding): () => void {
  const replay = new ReplayCache(new MemoryReplayStore(), pair.suite);
  const codec = codecFor(encoding);
  let n = 0;
  return () => {
    n++;
    const message: Message = { ...pair.message, id: `r-${n}`, created_time: 1763779200 + n };
    const packed = codec.pack(message, { mode: 'authcrypt', resolver: pair.resolver, keys: pair.meterKeys, random: pair.random, suite: pair.suite });
    const out = codec.unpack(packed.bytes, { resolver: pair.resolver, keys: pair.phoneKeys, suite: pair.suite, now: 1763779200 + n + 1, replay });
    if (out.message.id !== message.id || !out.metadata.authenticated) throw new Error('round trip lost the message');
  };
}

export async function run({ quick }: BenchOptions): Promise<BenchRow[]> {
  const budget = quick ? 100 : 3000;
  const suites: CryptoSuite[] = [nodeSuite, portableSuite];
  const pair = readingPair({ suite: nodeSuite, random: nodeRandom });
  const ref = reference(pair);
  let n = 0;
  const refOp = async () => {
    n++;
    const packed = await ref.packAuthcrypt({ ...pair.message, id: `r-${n}` });
    await ref.unpack(packed);
  };
  // Measured in alternating rounds so all see the same machine load.
  const rounds = quick ? 1 : 3;
  const totals = new Map<string, { iterations: number; ms: number }>();
  const add = (key: string, t: { iterations: number; ms: number }) => {
    const acc = totals.get(key) ?? { iterations: 0, ms: 0 };
    acc.iterations += t.iterations;
    acc.ms += t.ms;
    totals.set(key, acc);
  };
  const ops: [string, () => unknown][] = [['didcomm-node', refOp]];
  for (const suite of suites) {
    // A pair of its own per suite: its key stores and resolver run on that suite
    // too (sharing the node pair's key stores made the portable figure partly native).
    const p = suite === pair.suite ? pair : readingPair({ suite, random: nodeRandom });
    ops.push([`compact/${suite.name}`, roundTrip(p, 'cbor')], [`json/${suite.name}`, roundTrip(p, 'json')]);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [key, op] of ops) add(key, await throughput(op, budget / rounds, r === 0 ? 5 : 0));
  }
  const ops1 = (key: string) => {
    const t = totals.get(key)!;
    return (t.iterations * 1000) / t.ms;
  };
  const base = ops1('didcomm-node');
  const rows: BenchRow[] = [{ group: 'throughput', name: 'didcomm-node JSON authcrypt pack+unpack', value: base, unit: 'ops/s' }];
  for (const suite of suites) {
    for (const enc of ['compact', 'json'] as const) {
      const v = ops1(`${enc}/${suite.name}`);
      const target = enc === 'compact' && suite.name === 'node' ? '>= 3x' : undefined;
      rows.push({
        group: 'throughput',
        name: `tinydid ${enc === 'compact' ? 'compact' : 'JSON'} authcrypt pack+unpack, ${suite.name} suite`,
        value: v,
        unit: 'ops/s',
        baseline: 'didcomm-node',
        baselineValue: base,
        ratio: v / base,
        target,
        met: target ? v / base >= 3 : undefined,
      });
    }
  }
  return rows;
}
