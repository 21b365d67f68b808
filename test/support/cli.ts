// Runs the real `tinydid` binary in a child process for CLI tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './source-files';

export interface CliResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

export function runCli(args: string[], options: { input?: string | Uint8Array; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const child = spawnSync(process.execPath, [join(PROJECT_ROOT, 'tools/bin/tinydid.mjs'), ...args], {
    input: options.input,
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr.toString('utf8') };
}
