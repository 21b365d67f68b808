// Power loss on the real Node file KV (issue 4 point 7): a child process runs
// the sequence on a store directory and is SIGKILLed right after file-system
// step N (open of the temp file = an empty, torn temp; write; fsync; rename;
// fsync of the directory; unlink), for every N; the parent then reopens the
// directory and checks the same invariants as the fault-injecting sweep.
// A SIGKILL loses no page cache, so it models a crash of the process between
// steps; torn sector writes are the fault-injecting sweep's job.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { KeyStoreProfile } from '../../firmware/keys/open-key-store';
import { openNodeKeyStore } from '../../hosts/node/key-store';
import { equal, fail, ok } from '../support/assert';
import { PROJECT_ROOT } from '../support/source-files';
import { checkInvariants, operations, snapshot, type Session } from '../portable/storage-power-loss-sequence';
import { deserialize, type JournalLine } from './power-loss-journal';

const work = mkdtempSync(join(tmpdir(), 'tinydid-power-loss-'));
const childScript = join(work, 'child.mjs');

async function bundleChild(): Promise<void> {
  if (existsSync(childScript)) return;
  await build({
    entryPoints: [join(PROJECT_ROOT, 'test/node/power-loss-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childScript,
    logLevel: 'error',
  });
}

function runChild(dir: string, journal: string, killAt: number, profile: KeyStoreProfile): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  mkdirSync(dirname(journal), { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dir, journal, String(killAt), profile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function readJournal(path: string): JournalLine[] {
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as JournalLine) : [];
}

/** Kill after step `killAt`, reopen, check; returns the interrupted operation's name. */
async function killAndCheck(profile: KeyStoreProfile, killAt: number): Promise<string> {
  const dir = join(work, `${profile}-${killAt}`, 'store');
  const journal = join(work, `${profile}-${killAt}`, 'journal');
  const r = await runChild(dir, journal, killAt, profile);
  if (r.signal !== 'SIGKILL') fail(`kill at ${killAt}: the child ended with ${r.code ?? r.signal} instead of being killed\n${r.stderr}`);
  const lines = readJournal(journal);
  const snapshots = lines.filter((l) => l.event === 'snapshot');
  const started = lines.filter((l) => l.event === 'start');
  const last = lines[lines.length - 1];
  const ops = operations(profile);
  const current = last?.event === 'start' ? ops[last.op as number] : undefined;
  const name = current?.name ?? (snapshots.length === 0 ? 'first open' : 'between operations');
  const where = `file KV/${profile}, killed after step ${killAt} during "${name}" (${started.length} operations started)`;
  let s: Session;
  try {
    const node = openNodeKeyStore({ dir, profile });
    s = { kv: node.kv, store: node.store, rotation: node.rotation('device'), roles: new Map() };
    const after = snapshot(s);
    const before = snapshots.length === 0 ? undefined : deserialize(snapshots[snapshots.length - 1].snapshot as NonNullable<JournalLine['snapshot']>);
    checkInvariants(where, before, current, s, after);
    s.store.monotonic().increment('readings');
  } catch (error) {
    fail(`${where}: ${(error as Error).message}`);
  }
  return name;
}

async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

/** Kill points per test case, so each stays well inside mocha's timeout. */
const CHUNK = 15;
const CHUNKS = 8;

describe('power loss: real Node file KV, child killed after every file-system step', () => {
  for (const profile of ['software', 'secure-element'] as const) {
    let steps: Promise<number> | undefined;
    const names = new Set<string>();
    const referenceSteps = (): Promise<number> =>
      (steps ??= (async () => {
        await bundleChild();
        const referenceJournal = join(work, `${profile}-reference`, 'journal');
        const reference = await runChild(join(work, `${profile}-reference`, 'store'), referenceJournal, 0, profile);
        equal(reference.code, 0, reference.stderr);
        return readJournal(referenceJournal).find((l) => l.event === 'done')?.steps ?? 0;
      })());
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      const first = chunk * CHUNK + 1;
      const last = chunk === CHUNKS - 1 ? Infinity : (chunk + 1) * CHUNK;
      it(`${profile} profile: kill after step ${first}..${last === Infinity ? 'the last' : last}`, async () => {
        const total = await referenceSteps();
        ok(total > (CHUNKS - 1) * CHUNK && total < CHUNKS * CHUNK * 2, `the sequence makes ${total} file-system steps`);
        const points = Array.from({ length: Math.min(last, total) - first + 1 }, (_, i) => first + i);
        for (const name of await pool(points.map((at) => () => killAndCheck(profile, at)), Math.max(2, availableParallelism()))) names.add(name);
      });
    }
    it(`${profile} profile: every writing operation was interrupted`, async () => {
      const total = await referenceSteps();
      equal([...names].filter((n) => n !== 'between operations').sort().join(', '), 'advance firmware to 1000, advance firmware to 7, destroy derive key, first open, generate derive key, increment readings, rotate, rotation start');
      process.stdout.write(`      file KV/${profile}: ${total} kill points (one per fs step)\n`);
    });
  }
});
