// The simulator's scenarios are tests: each must run to the end with every
// expected verdict (exit 0), and a seeded run must be reproducible event for event.
import { SeededRandom } from '../../simulator/random';
import { VirtualClock } from '../../simulator/clock';
import { Transcript, formatVirtualTime } from '../../simulator/transcript';
import { deepEqual, equal, notEqual, ok } from '../support/assert';
import { runCli } from '../support/cli';

interface Line {
  t: number;
  kind: string;
  from?: string;
  to?: string;
  link?: string;
  bytes?: number;
  packets?: number;
  verdict?: string;
  expected?: string;
  result?: string;
  type?: string;
  passed?: number;
  failed?: number;
}

function jsonLines(stdout: Buffer): Line[] {
  return stdout.toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
}

function summaryOf(lines: Line[]): Line {
  const summary = lines[lines.length - 1];
  equal(summary.kind, 'summary', 'the last JSON line is the summary');
  return summary;
}

describe('sim: framework', () => {
  it('the seeded generator is reproducible per seed and per stream, and differs across seeds', () => {
    const a = new SeededRandom(42).fork('x').fill(new Uint8Array(40));
    const b = new SeededRandom(42).fork('x').fill(new Uint8Array(40));
    const c = new SeededRandom(42).fork('y').fill(new Uint8Array(40));
    const d = new SeededRandom(43).fork('x').fill(new Uint8Array(40));
    deepEqual(a, b);
    notEqual(Buffer.from(a).toString('hex'), Buffer.from(c).toString('hex'));
    notEqual(Buffer.from(a).toString('hex'), Buffer.from(d).toString('hex'));
    const r = new SeededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(6);
      ok(v >= 0 && v < 6 && Number.isInteger(v), `int(6) gave ${v}`);
    }
  });
  it('virtual time passes only when advanced; device clocks count from their boot', () => {
    const clock = new VirtualClock(1_000_000);
    clock.advance(500);
    const device = clock.deviceClock();
    clock.advance(24 * 3600 * 1000);
    equal(device.monotonicMs(), 24 * 3600 * 1000);
    equal(device.wallTimeMs(), 1_000_000 + 500 + 24 * 3600 * 1000);
    equal(clock.deviceClock({ knowsWallTime: false }).wallTimeMs(), undefined);
    equal(formatVirtualTime(90_061_001), '+1d 01:01:01.001');
  });
  it('the transcript counts checks and ends with `N passed, N failed`', () => {
    let out = '';
    const t = new Transcript(new VirtualClock(0), { json: false, quiet: false, color: false, progress: false, stdout: (s) => (out += s), stderr: () => {} });
    t.check('a', 'rejected', 'rejected');
    t.check('b', 'accepted', 'rejected');
    equal(t.summary(), '1 passed, 1 failed');
    ok(out.includes('FAIL b  (expected accepted, got rejected)'), out);
    ok(out.trimEnd().endsWith('1 passed, 1 failed'), out);
  });
});

describe('sim: jamie', () => {
  it('runs the whole story with every expected verdict, and a signed reading takes one BLE packet', () => {
    const r = runCli(['simulate', 'jamie', '--seed', '1', '--json']);
    equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const summary = summaryOf(lines);
    equal(summary.failed, 0);
    const checks = lines.filter((l) => l.kind === 'check');
    equal(summary.passed, checks.length);
    ok(checks.length >= 7, `only ${checks.length} checks`);
    ok(checks.every((c) => c.result === 'pass' && c.verdict === c.expected));
    const readings = lines.filter((l) => l.kind === 'message' && l.type === 'reading' && l.link === 'ble');
    ok(readings.length >= 5, 'readings crossed the BLE link');
    const glucose = readings.filter((m) => /glucose reading/.test((m as { text?: string }).text ?? ''));
    ok(glucose.length >= 5, 'glucose readings crossed the BLE link');
    for (const m of glucose) equal(m.packets, 1, `signed glucose reading of ${m.bytes} B`);
    for (const m of readings) {
      ok((m.packets ?? 0) <= 2, `a signed reading of ${m.bytes} B`);
      ok(typeof m.t === 'number' && typeof m.from === 'string' && typeof m.to === 'string' && typeof m.bytes === 'number');
    }
    ok(lines.some((l) => l.kind === 'verdict' && l.verdict === 'rejected'), 'the story has rejections');
  });
  it('is reproducible event for event with --seed, and differs without it', () => {
    const a = runCli(['simulate', 'jamie', '--seed', '99', '--json']);
    const b = runCli(['simulate', 'jamie', '--seed', '99', '--json']);
    const c = runCli(['simulate', 'jamie', '--json']);
    equal(a.status, 0, a.stderr);
    const la = a.stdout.toString().split('\n');
    const lb = b.stdout.toString().split('\n');
    equal(la.length, lb.length, 'same number of events');
    for (let i = 0; i < la.length; i++) equal(la[i], lb[i], `event ${i}`);
    notEqual(a.stdout.toString(), c.stdout.toString());
  });
  it('prints a human transcript and the summary line; --quiet prints only the summary', () => {
    const human = runCli(['simulate', 'jamie', '--seed', '2']);
    equal(human.status, 0, human.stderr);
    const text = human.stdout.toString();
    ok(/--ble--> phone +glucose reading/.test(text), 'a reading on the BLE link');
    ok(/\n\d+ passed, 0 failed\n$/.test(text), text.slice(-200));
    const quiet = runCli(['simulate', 'jamie', '--seed', '2', '--quiet']);
    equal(quiet.status, 0);
    equal(quiet.stdout.toString().trim().split('\n').length, 1);
  });
  it('still ends with every expected verdict when 20% of BLE packets are lost', () => {
    const r = runCli(['simulate', 'jamie', '--seed', '5', '--loss', '0.2', '--json']);
    equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const readings = lines.filter((l) => l.kind === 'message' && l.type === 'reading');
    ok(readings.some((l) => (l.packets ?? 0) > 1), 'some reading needed a link-layer repeat');
    equal(summaryOf(lines).failed, 0);
  });
  it('refuses bad flags with exit 2', () => {
    equal(runCli(['simulate', 'nobody']).status, 2);
    equal(runCli(['simulate', 'jamie', '--loss', '2']).status, 2);
    equal(runCli(['simulate', 'jamie', '--shard', '3/2']).status, 2);
    equal(runCli(['simulate']).status, 2);
  });
});

describe('sim: bessie', () => {
  it('the custody chain verifies at the abattoir; a keeper\'s transfer, a gap and an edit are rejected', () => {
    const r = runCli(['simulate', 'bessie', '--seed', '3', '--json']);
    equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const summary = summaryOf(lines);
    equal(summary.failed, 0);
    ok((summary.passed ?? 0) >= 6, `only ${summary.passed} checks`);
    const codes = lines.filter((l) => l.kind === 'verdict' && l.verdict === 'rejected').map((l) => (l as { code?: string }).code);
    deepEqual(codes, ['custody.not-authorised', 'custody.broken-chain', 'custody.bad-signature']);
    ok(lines.some((l) => l.kind === 'verdict' && l.to === 'abattoir' && l.verdict === 'verified'));
    ok(lines.some((l) => l.kind === 'message' && l.from === 'tag' && l.link === 'ble'), 'the tag answered over BLE');
  });
});

describe('sim: bob (a small fleet)', () => {
  it('onboards and updates 20 devices, refuses the rollback, and brings power-cut devices back on a verified image', () => {
    const r = runCli(['simulate', 'bob', '--devices', '20', '--seed', '8', '--power-cut', '0.3', '--json']);
    equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    equal(summaryOf(lines).failed, 0);
    const faults = lines.filter((l) => l.kind === 'fault');
    ok(faults.length > 0, 'some device lost power');
    const recovered = lines.filter((l) => l.kind === 'verdict' && l.verdict === 'recovered');
    equal(recovered.length, faults.length, 'every power cut ends on a verified image');
    const rollbacks = lines.filter((l) => l.kind === 'verdict' && (l as { code?: string }).code === 'suit.rollback');
    ok(rollbacks.length >= 1, 'a rollback was refused');
    const installed = new Set(lines.filter((l) => l.kind === 'verdict' && l.verdict === 'installed').map((l) => l.to));
    equal(installed.size, 20);
    const figures = lines.filter((l) => l.kind === 'figure');
    ok(figures.some((f) => typeof (f as { messagesPerSecond?: number }).messagesPerSecond === 'number'), 'fleet figures reported');
    ok(lines.some((l) => l.kind === 'step' && /without fsync/.test((l as { text?: string }).text ?? '')), 'the fsync relaxation is stated');
  });
  it('two shards split one fleet between them', () => {
    const a = runCli(['simulate', 'bob', '--devices', '10', '--shard', '0/2', '--seed', '1', '--json']);
    const b = runCli(['simulate', 'bob', '--devices', '10', '--shard', '1/2', '--seed', '1', '--json']);
    equal(a.status, 0, a.stderr);
    equal(b.status, 0, b.stderr);
    const devices = (r: typeof a) => new Set(jsonLines(r.stdout).filter((l) => l.kind === 'verdict' && l.verdict === 'onboarded').map((l) => l.from));
    const da = devices(a);
    const db = devices(b);
    equal(da.size, 5);
    equal(db.size, 5);
    ok([...da].every((d) => !db.has(d)), 'no device in both shards');
  });
});
