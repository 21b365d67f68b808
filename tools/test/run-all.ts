// `npm test`: type check, the Node lane (mocha) and the XS lane (xsnap), then ONE
// line `N passed, N failed` totalling both lanes. A type error or a lane that
// does not finish counts as a failure.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runXsLane } from '../xs/run-xs-tests';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

function run(command: string, args: string[]): { status: number; output: string } {
  const child = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  process.stdout.write(output);
  return { status: child.status ?? 1, output };
}

function section(title: string): void {
  process.stdout.write(`\n== ${title} ==\n`);
}

const started = Date.now();
let passed = 0;
let failed = 0;

section('typecheck (firmware: ES2022 only; the rest: Node)');
const typecheck = run('npm', ['run', '--silent', '--loglevel=error', 'typecheck']);
if (typecheck.status !== 0) {
  failed++;
  process.stdout.write('typecheck failed\n');
}

section('node lane (mocha)');
const mocha = run(process.execPath, [resolve(ROOT, 'node_modules/mocha/bin/mocha.js')]);
const passing = /(\d+) passing/.exec(mocha.output);
const failing = /(\d+) failing/.exec(mocha.output);
const nodePassed = passing ? Number(passing[1]) : 0;
const nodeFailed = failing ? Number(failing[1]) : 0;
passed += nodePassed;
failed += nodeFailed;
if (!passing || (mocha.status !== 0 && nodeFailed === 0)) failed++;
process.stdout.write(`node lane: ${nodePassed} passed, ${nodeFailed} failed\n`);

section('xs lane (xsnap)');
const xs = await runXsLane();
passed += xs.passed;
failed += xs.failed;
process.stdout.write(`xs lane: ${xs.passed} passed, ${xs.failed} failed\n`);

process.stdout.write(`\nall lanes in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
