// `tinydid simulate NAME`: runs a scenario of the simulator (simulator/) and
// prints its transcript; exit 0 when every expected verdict happened, 1 otherwise.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from '../../../simulator/scenarios/index';
import { runScenario, type SimOptions } from '../../../simulator/scenario';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit';

function fraction(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} takes a fraction from 0 to 1, got '${value}'`);
  return n;
}

function shard(value: string | undefined): SimOptions['shard'] {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard takes I/N with 0 <= I < N, got '${value}'`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

const usage = `usage: tinydid simulate NAME [flags]

Runs a scenario on the Node host: virtual devices running the firmware modules,
the phone / gateway, guardian, issuers and verifiers, over simulated BLE and MQTT.

scenarios:
${Object.entries(SCENARIOS).map(([n, s]) => `  ${n.padEnd(8)} ${s.summary}`).join('\n')}

flags:
  --seed N        reproducible run: choices, losses, virtual clock and device keys
                  derive from N (without it, keys come from the host CSPRNG)
  --loss P        per-packet loss on simulated links (0..1, default 0)
  --power-cut P   fraction of devices that lose power during an install (0..1)
  --devices N     fleet size (bob; default 200; from 400 devices the run splits
                  itself over one shard process per core, sharing the broker)
  --shard I/N     run the share I of N of the fleet (several processes, one broker)
  --mqtt URL      use this MQTT broker (default: an embedded broker on loopback)
  --state DIR     keep the agents' storage in DIR/NAME for inspection (default: a
                  temporary directory, removed after the run); DIR/NAME must be new
  --json          one JSON object per event (t, kind, from, to, link, bytes, verdict)
  --quiet         only the final summary
  --no-color      plain text even on a terminal

exit: 0 every expected verdict happened; 1 one did not; 2 usage; 3 I/O`;

export const command: Command = {
  name: 'simulate',
  summary: 'run a scenario in the simulator (jamie, bob, bessie)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      seed: { type: 'string' },
      loss: { type: 'string' },
      'power-cut': { type: 'string' },
      devices: { type: 'string' },
      shard: { type: 'string' },
      mqtt: { type: 'string' },
      state: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('simulate takes one scenario name');
    const name = positionals[0];
    const entry = Object.prototype.hasOwnProperty.call(SCENARIOS, name) ? SCENARIOS[name] : undefined;
    if (!entry) throw new UsageError(`unknown scenario '${name}' (${Object.keys(SCENARIOS).join(', ')})`);
    if (values.seed !== undefined && !/^\d{1,15}$/.test(values.seed)) throw new UsageError(`--seed takes a non-negative integer, got '${values.seed}'`);
    let devices: number | undefined;
    if (values.devices !== undefined) {
      devices = Number(values.devices);
      if (!/^\d+$/.test(values.devices) || devices < 1 || devices > 100000) throw new UsageError(`--devices takes an integer from 1 to 100000, got '${values.devices}'`);
    }
    if (values.mqtt !== undefined && !/^mqtts?:\/\/[^/\s]+/.test(values.mqtt)) throw new UsageError(`--mqtt takes mqtt://HOST:PORT, got '${values.mqtt}'`);
    const tty = process.stdout.isTTY === true;
    const color = tty && !values.json && !values['no-color'] && process.env.NO_COLOR === undefined;
    const options: SimOptions = {
      seed: values.seed,
      loss: fraction(values.loss, '--loss'),
      powerCut: values['power-cut'] === undefined ? undefined : fraction(values['power-cut'], '--power-cut'),
      devices,
      shard: shard(values.shard),
      mqtt: values.mqtt,
      stateDir: values.state,
      json: values.json ?? false,
      quiet: values.quiet ?? false,
      color,
      progress: !values.quiet && !values.json,
      stdout: (text) => io.stdout(text),
      stderr: (text) => io.stderr(text),
    };
    if (values.state !== undefined) {
      const dir = join(values.state, name);
      if (existsSync(dir) && readdirSync(dir).length > 0) {
        throw new UsageError(`${dir} holds an earlier run; the story starts from new devices (a paired device refuses a second pairing, as a real one would): give another --state directory`);
      }
    }
    const scenario = await entry.load();
    const result = await runScenario(scenario, options);
    return result.failed === 0 && result.passed > 0 ? EXIT.ok : EXIT.verdict;
  },
};
