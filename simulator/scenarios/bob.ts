// Bob's building (DESIGN section 1): a fleet of devices of five classes,
// onboarded without a certificate authority (each device shows a pairing
// code, the installer's tablet scans it, the building gateway connects over
// MQTT and learns the device's keys from its did:peer:2), then a 2-of-3
// signed firmware rollout in stages, a rollback attempt, power cuts during
// installs, and a final report of firmware versions across the fleet.
//
// Scale: every device runs the same code as the small scenarios (key store
// and file storage in its own directory, DIDComm pack/unpack, replay cache,
// DID resolution, the SUIT update session on a simulated A/B flash) and has
// its own MQTT connection. Devices run concurrently in a bounded pool; the
// transcript shows one line per stage (per device events with --json).
// `--shard I/N` runs the devices i with i % N == I, so several processes
// share one fleet (see README "Simulator").
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cpuUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import { ReplayCache } from '../../firmware/didcomm/replay-cache';
import { isTinydidError } from '../../firmware/errors/tinydid-error';
import { utf8Encode } from '../../firmware/bytes/utf8';
import type { DeviceIdentity } from '../../firmware/update/agent';
import type { TrustPolicy } from '../../firmware/update/trust-policy';
import { SimAgent, type Peer } from '../agents/agent';
import { DeviceFirmware, PowerCut, firmwareImage, signedEnvelope, updateSigner, type UpdateSigner } from '../agents/firmware';
import { deviceHandleOnboarding, phoneAcceptResponse, phoneRequest, provisionLabel, readLabel } from '../agents/onboarding';
import { messenger } from '../agents/messaging';
import { fromBase64url, toBase64url } from '../../firmware/bytes/base64url';
import type { MqttLink } from '../links/mqtt';
import type { SimLink, Transfer } from '../links/sim-link';
import type { Scenario, ScenarioContext } from '../scenario';
import type { SimEvent } from '../transcript';

export const DEFAULT_DEVICES = 200;
const CLASSES = Object.freeze(['door-lock', 'badge-reader', 'cctv-camera', 'hvac-sensor', 'alarm-panel'] as const);
type DeviceClass = (typeof CLASSES)[number];
const IMAGE_BYTES = 64 * 1024;
const CHUNK = 4096;
const CONCURRENCY = 48;
const DEFAULT_POWER_CUT = 0.05;
/** From this many devices, a run without --shard splits itself over one process per core. */
const SPLIT_FROM = 400;
const CLI = fileURLToPath(new URL('../../tools/bin/tinydid.mjs', import.meta.url));

interface FleetDevice {
  index: number;
  name: string;
  cls: DeviceClass;
  agent?: SimAgent;
  peer?: Peer;
  onboarded: boolean;
  sequence: number;
  verified: boolean;
  powerCut: boolean;
}

/** Events of one device, emitted in device order after a stage (deterministic output). */
class DeviceLog {
  readonly events: (Partial<SimEvent> & { kind: SimEvent['kind']; text: string })[] = [];
  elapsed = 0;
  constructor(readonly start: number) {}
  add(event: Partial<SimEvent> & { kind: SimEvent['kind']; text: string }): void {
    this.events.push({ t: this.start + this.elapsed, ...event });
  }
}

async function carry(link: SimLink, log: DeviceLog, from: string, to: string, message: Uint8Array, text: string): Promise<Uint8Array | undefined> {
  const transfer: Transfer = await link.transfer(from, to, message);
  log.add({ kind: 'message', from, to, link: link.label, bytes: transfer.bytes, text, ...(transfer.received === undefined ? { verdict: 'lost' } : {}) });
  log.elapsed += transfer.ms;
  return transfer.received;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, onDone: () => void): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
      onDone();
    }
  });
  await Promise.all(runners);
}

function identityOf(suite: SimAgent['suite'], cls: DeviceClass): DeviceIdentity {
  return { vendorId: suite.sha256(utf8Encode('tinydid example building maker')).slice(0, 16), classId: suite.sha256(utf8Encode(`tinydid ${cls}`)).slice(0, 16) };
}

export const scenario: Scenario = {
  name: 'bob',
  summary: 'a building fleet (200 devices, 5 classes): onboarding without a CA, 2-of-3 signed staged rollout, rollback, power cuts',
  async run(ctx: ScenarioContext) {
    const t = ctx.transcript;
    t.keepEvents = false;
    const total = ctx.options.devices ?? DEFAULT_DEVICES;
    const processes = Math.min(2, availableParallelism());
    if (ctx.options.shard === undefined && total >= SPLIT_FROM && processes > 1) return runSplit(ctx, total, processes);
    const shard = ctx.options.shard ?? { index: 0, count: 1 };
    const powerCut = ctx.options.powerCut ?? DEFAULT_POWER_CUT;
    const wallStart = performance.now();
    const cpuStart = cpuUsage();

    const fleet: FleetDevice[] = [];
    for (let i = 0; i < total; i++) {
      if (i % shard.count !== shard.index) continue;
      fleet.push({ index: i, name: `dev-${String(i).padStart(5, '0')}`, cls: CLASSES[i % CLASSES.length], onboarded: false, sequence: 0, verified: false, powerCut: false });
    }
    t.scene(`Bob's building: ${total} devices of ${CLASSES.length} classes${shard.count > 1 ? `, shard ${shard.index}/${shard.count} runs ${fleet.length} of them` : ''}`);
    const mqtt: MqttLink = await ctx.mqtt({ advanceClock: false });
    t.step(`devices and the building gateway talk over MQTT (${mqtt.broker.description}); each device has its own connection`);
    t.step('fleet mode: the simulated devices\' files are written without fsync (one disk stands in for every device\'s flash; power cuts are simulated in the A/B flash and its records instead)');
    const gatewayName = shard.count > 1 ? `gateway-s${shard.index}` : 'gateway';
    const gateway = new SimAgent({ name: gatewayName, root: ctx.root, clock: ctx.clock.deviceClock(), random: ctx.keyRandom(gatewayName), fsync: false });
    const gatewayReplay = new ReplayCache(gateway.kv, gateway.suite, { record: 'didcomm/replay', capacity: 320 });
    const camera = ctx.memory('qr');
    const emitLogs = (logs: DeviceLog[]): void => {
      if (!ctx.options.json) return;
      for (const log of logs) for (const e of log.events) t.emit(e);
    };

    // --- onboarding ---
    t.scene('Onboarding without a certificate authority');
    t.step('the installer\'s tablet scans each device\'s pairing code; the gateway connects to the device\'s DID over MQTT');
    let stageStart = ctx.clock.now();
    let logs: DeviceLog[] = fleet.map(() => new DeviceLog(stageStart));
    let done = 0;
    let messages = 0;
    await pool(fleet.map((d, i) => ({ d, log: logs[i] })), CONCURRENCY, async ({ d, log }) => {
      d.agent = new SimAgent({ name: d.name, root: ctx.root, clock: ctx.clock.deviceClock(), random: ctx.keyRandom(d.name), fsync: false, endpoint: `mqtt:${d.name}` });
      const qr = provisionLabel(d.agent);
      const scanned = await carry(camera, log, d.name, gatewayName, qr, 'label QR code (DID + pairing code)');
      if (!scanned) return;
      const { request, packed, device: devicePeer } = phoneRequest(gateway, readLabel(scanned), gatewayName);
      devicePeer.name = d.name;
      const got = await carry(mqtt, log, gatewayName, d.name, packed, 'onboarding request');
      if (!got) return;
      try {
        const { response } = deviceHandleOnboarding(d.agent, got);
        const back = await carry(mqtt, log, d.name, gatewayName, response, 'onboarding response');
        if (!back) return;
        phoneAcceptResponse(gateway, devicePeer, request, back, { gateway: true });
        d.peer = devicePeer;
        d.onboarded = true;
        log.add({ kind: 'verdict', from: d.name, to: gatewayName, verdict: 'onboarded', text: `${d.name} (${d.cls}) onboarded` });
      } catch (error) {
        if (!isTinydidError(error)) throw error;
        log.add({ kind: 'verdict', from: gatewayName, to: d.name, verdict: 'rejected', text: `${error.code}: ${error.message}` });
      }
      messages += 2;
    }, () => t.progress('onboarding', ++done, fleet.length));
    emitLogs(logs);
    ctx.clock.advanceTo(stageStart + Math.max(0, ...logs.map((l) => l.elapsed)));
    const onboarded = fleet.filter((d) => d.onboarded).length;
    t.step(`${onboarded} of ${fleet.length} devices onboarded, each with its own DID and keys (no certificate authority)`);
    t.check('every device is onboarded', String(fleet.length), String(onboarded));

    // --- the rollout ---
    const signers: UpdateSigner[] = ['bob-it-security', 'maker-release', 'bank-facilities'].map((n) => updateSigner(new SimAgent({ name: n, root: ctx.root, clock: ctx.clock.deviceClock(), random: ctx.keyRandom(n), fsync: false })));
    t.scene('A 2-of-3 signed firmware rollout, in stages');
    t.step(`every class trusts ${signers.map((s) => s.name).join(', ')}, and needs 2 of them`);
    const images = new Map<DeviceClass, { factory: Uint8Array; next: Uint8Array; envelope: Uint8Array; old: Uint8Array; identity: DeviceIdentity; policy: TrustPolicy }>();
    for (const cls of CLASSES) {
      const identity = identityOf(gateway.suite, cls);
      const factory = firmwareImage(gateway, `${cls} 1.0`, IMAGE_BYTES);
      const next = firmwareImage(gateway, `${cls} 2.0`, IMAGE_BYTES);
      const uri = `https://updates.building.example/${cls}/2.0.bin`;
      const envelope = signedEnvelope(gateway, identity, 2, next, uri, [signers[0], signers[1]]);
      const old = signedEnvelope(gateway, identity, 1, factory, uri.replace('2.0', '1.0'), [signers[0], signers[2]]);
      images.set(cls, { factory, next, envelope, old, identity, policy: { anchors: signers.map((s) => s.anchor), classes: [{ classId: identity.classId, threshold: 2 }] } });
    }
    const first: DeviceClass = 'door-lock';
    const firstDevices = fleet.filter((d) => d.cls === first && d.onboarded);
    const stages: { label: string; devices: FleetDevice[] }[] = [];
    const canary = Math.max(1, Math.round(firstDevices.length * 0.1));
    const half = Math.max(canary, Math.round(firstDevices.length * 0.5));
    stages.push({ label: `${first}: canary (${canary})`, devices: firstDevices.slice(0, canary) });
    if (half > canary) stages.push({ label: `${first}: half (${half - canary} more)`, devices: firstDevices.slice(canary, half) });
    if (firstDevices.length > half) stages.push({ label: `${first}: the rest (${firstDevices.length - half})`, devices: firstDevices.slice(half) });
    for (const cls of CLASSES) if (cls !== first) stages.push({ label: `${cls} (${fleet.filter((d) => d.cls === cls && d.onboarded).length})`, devices: fleet.filter((d) => d.cls === cls && d.onboarded) });

    const cutChoices = ctx.choices.fork('power-cuts');
    const rollbackSample = new Set(fleet.filter((d) => d.onboarded).filter((_, i) => i % 25 === 0).map((d) => d.index));
    let rollbackTried = 0;
    let rollbackRejected = 0;
    let cutDevices = 0;
    let cutVerified = 0;
    const offerTo = async (d: FleetDevice, fw: DeviceFirmware, log: DeviceLog, envelope: Uint8Array, image: Uint8Array, what: string): Promise<string> => {
      const agent = d.agent as SimAgent;
      const offer = messenger.packAuthcrypt(gateway, d.peer as Peer, { id: gateway.newId(), type: 'https://tinydid.org/firmware-update/1.0/offer', body: { envelope: toBase64url(envelope) } });
      const got = await carry(mqtt, log, gatewayName, d.name, offer, `${what}: update offer (SUIT envelope)`);
      if (!got) return 'lost';
      const { message } = messenger.unpack(agent, got);
      const env = fromBase64url(String(message.body.envelope));
      let session;
      try {
        session = fw.agent.begin(env);
      } catch (error) {
        if (!isTinydidError(error)) throw error;
        log.add({ kind: 'verdict', from: gatewayName, to: d.name, verdict: 'rejected', text: `${what}: ${error.code}: ${error.message}`, code: error.code });
        return 'rejected';
      }
      const parts: Uint8Array[] = [];
      for (let o = 0; o < image.length; o += CHUNK) parts.push(image.subarray(o, Math.min(o + CHUNK, image.length)));
      const transfers = await mqtt.transferMany(gatewayName, d.name, parts);
      log.add({ kind: 'message', from: gatewayName, to: d.name, link: mqtt.label, bytes: image.length, messages: parts.length, text: `${what}: image in ${parts.length} chunks of ${CHUNK} B` });
      log.elapsed += transfers.reduce((sum, x) => sum + x.ms, 0);
      for (const tr of transfers) {
        if (!tr.received) {
          session.abort();
          return 'lost';
        }
        session.write(tr.received);
        messages++;
      }
      session.finish();
      const outcome = fw.reboot();
      log.add({ kind: 'verdict', to: d.name, verdict: outcome.kind === 'confirmed' ? 'installed' : outcome.kind, text: `${what}: slot ${outcome.slot} ${outcome.kind}` });
      return outcome.kind === 'confirmed' ? 'installed' : outcome.kind;
    };

    for (const stage of stages) {
      if (stage.devices.length === 0) continue;
      stageStart = ctx.clock.now();
      logs = stage.devices.map(() => new DeviceLog(stageStart));
      done = 0;
      await pool(stage.devices.map((d, i) => ({ d, log: logs[i] })), CONCURRENCY, async ({ d, log }) => {
        const set = images.get(d.cls)!;
        const fw = new DeviceFirmware(d.agent as SimAgent, set.identity, set.policy, set.factory, IMAGE_BYTES + CHUNK);
        if (cutChoices.chance(powerCut)) {
          d.powerCut = true;
          cutDevices++;
          fw.armPowerCut(2 + cutChoices.int(IMAGE_BYTES / CHUNK + 2));
        }
        let result = 'lost';
        for (let attempt = 0; attempt < 3 && result !== 'installed' && result !== 'rejected'; attempt++) {
          try {
            result = await offerTo(d, fw, log, set.envelope, set.next, '2.0');
          } catch (error) {
            if (!(error instanceof PowerCut)) throw error;
            log.add({ kind: 'fault', to: d.name, text: `${d.name} loses power during the install (${error.label})` });
            const outcome = fw.reboot();
            const verified = fw.runsVerifiedImage();
            if (verified) cutVerified++;
            log.add({ kind: 'verdict', to: d.name, verdict: verified ? 'recovered' : 'bricked', text: `${d.name} back on slot ${outcome.slot} (${outcome.kind}), image verified: ${verified}` });
            result = 'retry';
          }
        }
        if (rollbackSample.has(d.index) && result === 'installed') {
          rollbackTried++;
          const r = await offerTo(d, fw, log, set.old, set.factory, '1.0 (rollback attempt)');
          if (r === 'rejected') rollbackRejected++;
        }
        d.sequence = fw.sequence();
        d.verified = fw.runsVerifiedImage();
        const status = messenger.packAuthcrypt(d.agent as SimAgent, (d.agent as SimAgent).peersByDid.get(gateway.did) as Peer, { id: (d.agent as SimAgent).newId(), type: 'https://tinydid.org/firmware-update/1.0/status', body: { seq: d.sequence } });
        const back = await carry(mqtt, log, d.name, gatewayName, status, `status: sequence ${d.sequence}`);
        if (back) {
          const { message, sender } = messenger.unpack(gateway, back);
          gatewayReplay.checkAndRecord(sender?.did ?? '', message.id, message.created_time);
        }
        messages += 3;
      }, () => t.progress(`rollout ${stage.label}`, ++done, stage.devices.length));
      emitLogs(logs);
      ctx.clock.advanceTo(stageStart + Math.max(0, ...logs.map((l) => l.elapsed)));
      const ok = stage.devices.filter((d) => d.sequence === 2 && d.verified).length;
      t.step(`stage ${stage.label}: ${ok} of ${stage.devices.length} on 2.0 (verified)`, { stage: stage.label, devices: stage.devices.length, updated: ok });
      t.check(`stage ${stage.label} completes`, String(stage.devices.length), String(ok));
    }

    t.scene('A rollback attempt');
    t.step(`a genuine, 2-of-3 signed 1.0 envelope (sequence 1) is offered to ${rollbackTried} updated devices`);
    t.check('every device refuses to go back to 1.0 (suit.rollback)', String(rollbackTried), String(rollbackRejected));

    t.scene('Power cuts during installs');
    t.step(`${cutDevices} devices lost power at a random write during the install (--power-cut ${powerCut})`);
    t.check('every device that lost power came back on a verified image', String(cutDevices), String(cutVerified));

    t.scene('Firmware versions across the fleet');
    for (const cls of CLASSES) {
      const of = fleet.filter((d) => d.cls === cls);
      const byVersion = new Map<number, number>();
      for (const d of of) byVersion.set(d.sequence, (byVersion.get(d.sequence) ?? 0) + 1);
      const text = [...byVersion].sort((a, b) => b[0] - a[0]).map(([seq, n]) => `${seq === 2 ? '2.0' : seq === 0 ? '1.0 (factory)' : `seq ${seq}`}: ${n}`).join(', ');
      t.step(`${cls.padEnd(13)} ${text}`, { class: cls, versions: Object.fromEntries(byVersion) });
    }
    const updated = fleet.filter((d) => d.sequence === 2 && d.verified).length;
    t.check('every device runs 2.0 on a verified image', String(fleet.length), String(updated));

    const wallSeconds = (performance.now() - wallStart) / 1000;
    const cpu = cpuUsage(cpuStart);
    const cpuMsPerDevice = (cpu.user + cpu.system) / 1000 / Math.max(1, fleet.length);
    const published = mqtt.published;
    t.figure(`fleet figures: ${fleet.length} devices onboarded and updated (64 KiB image, 2-of-3 signed) in ${wallSeconds.toFixed(1)} s wall time`, { wallSeconds: Number(wallSeconds.toFixed(3)), devices: fleet.length });
    t.figure(`${published} MQTT messages, ${(published / wallSeconds).toFixed(0)} messages/s; CPU ${cpuMsPerDevice.toFixed(1)} ms per device (this process, broker included when embedded)`, { messages: published, messagesPerSecond: Math.round(published / wallSeconds), cpuMsPerDevice: Number(cpuMsPerDevice.toFixed(2)), shardDevices: fleet.length });
    void messages;
  },
};

interface ShardLine {
  kind: string;
  text?: string;
  verdict?: string;
  expected?: string;
  result?: string;
  passed?: number;
  failed?: number;
  class?: string;
  versions?: Record<string, number>;
  messages?: number;
  cpuMsPerDevice?: number;
  devices?: number;
  [key: string]: unknown;
}

/**
 * A large fleet on one machine: this process keeps the broker, and one
 * `tinydid simulate bob --shard i/P` process per core runs its share of the
 * devices against it (the same split several machines would make). Their
 * checks, version tables and figures are combined here.
 */
async function runSplit(ctx: ScenarioContext, total: number, processes: number): Promise<void> {
  const t = ctx.transcript;
  const wallStart = performance.now();
  const cpuStart = cpuUsage();
  const broker = await ctx.broker();
  t.scene(`Bob's building: ${total} devices of ${CLASSES.length} classes, split over ${processes} processes (one per core) sharing ${broker.description}`);
  t.step(`each process runs \`tinydid simulate bob --devices ${total} --shard I/${processes}\`: its own gateway, its devices with their own MQTT connections`);
  t.step('fleet mode: the simulated devices\' files are written without fsync (one disk stands in for every device\'s flash; power cuts are simulated in the A/B flash and its records instead)');
  let progressed = 0;
  const runs = Array.from({ length: processes }, (_, i) => new Promise<{ index: number; lines: ShardLine[]; status: number; stderr: string }>((resolveRun) => {
    const args = [CLI, 'simulate', 'bob', '--devices', String(total), '--shard', `${i}/${processes}`, '--mqtt', broker.url, '--json'];
    if (ctx.options.seed !== undefined) args.push('--seed', ctx.options.seed);
    if (ctx.options.powerCut !== undefined) args.push('--power-cut', String(ctx.options.powerCut));
    if (ctx.options.loss > 0) args.push('--loss', String(ctx.options.loss));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: ShardLine[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim() === '') continue;
        const e = JSON.parse(line) as ShardLine;
        if (e.kind === 'verdict' && (e.verdict === 'onboarded' || e.verdict === 'installed')) t.progress('fleet (onboarded + installed)', ++progressed, total * 2);
        // Keep what the summary needs; with --json, hand every event on.
        if (ctx.options.json) t.emit({ ...(e as object), shard: `${i}/${processes}` } as never);
        if (e.kind === 'check' || e.kind === 'summary' || e.kind === 'figure' || (e.kind === 'step' && e.versions !== undefined)) lines.push(e);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolveRun({ index: i, lines, status: code ?? 1, stderr }));
  }));
  const results = await Promise.all(runs);
  const versions = new Map<string, Map<string, number>>();
  let messages = 0;
  let childCpuMs = 0;
  for (const r of results) {
    const summary = r.lines.find((l) => l.kind === 'summary');
    if (summary && typeof summary.t === 'number') ctx.clock.advanceTo(summary.t);
    t.step(`process ${r.index}/${processes}: ${summary ? `${summary.passed} passed, ${summary.failed} failed` : `ended without a summary (exit ${r.status})`}`);
    if (!summary && r.stderr) ctx.options.stderr(r.stderr.slice(-2000));
    for (const c of r.lines.filter((l) => l.kind === 'check')) t.check(`[shard ${r.index}/${processes}] ${c.text}`, String(c.expected), String(c.verdict));
    for (const v of r.lines.filter((l) => l.kind === 'step' && l.versions !== undefined)) {
      const table = versions.get(String(v.class)) ?? new Map<string, number>();
      for (const [seq, n] of Object.entries(v.versions ?? {})) table.set(seq, (table.get(seq) ?? 0) + n);
      versions.set(String(v.class), table);
    }
    for (const f of r.lines.filter((l) => l.kind === 'figure')) {
      if (typeof f.messages === 'number') messages += f.messages;
      if (typeof f.cpuMsPerDevice === 'number' && typeof f.shardDevices === 'number') childCpuMs += f.cpuMsPerDevice * f.shardDevices;
    }
    t.check(`process ${r.index}/${processes} ends with every expected verdict`, '0', String(r.status));
  }
  t.scene('Firmware versions across the fleet');
  let updated = 0;
  for (const cls of CLASSES) {
    const table = versions.get(cls) ?? new Map<string, number>();
    updated += table.get('2') ?? 0;
    const text = [...table].sort((a, b) => Number(b[0]) - Number(a[0])).map(([seq, n]) => `${seq === '2' ? '2.0' : seq === '0' ? '1.0 (factory)' : `seq ${seq}`}: ${n}`).join(', ');
    t.step(`${cls.padEnd(13)} ${text}`);
  }
  t.check('every device runs 2.0', String(total), String(updated));
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const own = cpuUsage(cpuStart);
  const cpuMsPerDevice = ((own.user + own.system) / 1000 + childCpuMs) / total;
  t.figure(`fleet figures: ${total} devices onboarded and updated (64 KiB image, 2-of-3 signed) in ${wallSeconds.toFixed(1)} s wall time over ${processes} processes`, { wallSeconds: Number(wallSeconds.toFixed(3)), devices: total, processes });
  t.figure(`${messages} MQTT messages, ${(messages / wallSeconds).toFixed(0)} messages/s; CPU ${cpuMsPerDevice.toFixed(1)} ms per device (all processes, broker included)`, { messages, messagesPerSecond: Math.round(messages / wallSeconds), cpuMsPerDevice: Number(cpuMsPerDevice.toFixed(2)) });
}
