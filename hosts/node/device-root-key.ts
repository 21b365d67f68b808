// The device root key on the Node host: 32 random bytes in `<dir>/root.key`
// (mode 0600), created on first run (temp file, fsync, rename, fsync of the
// directory, so a cut never leaves a short key behind).
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { Random } from '../../firmware/host/random';
import { ROOT_KEY_LENGTH } from '../../firmware/keys/sealed-record';
import type { FileStep } from './file-system';

export const ROOT_KEY_FILE = 'root.key';

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads the root key in `dir`, creating it from `random` when there is none. */
export function loadOrCreateRootKey(dir: string, random: Random, options: { fsync?: boolean; onStep?: (step: FileStep, name: string) => void } = {}): Uint8Array {
  const step = options.onStep ?? (() => {});
  const path = join(dir, ROOT_KEY_FILE);
  let data: Buffer | undefined;
  try {
    data = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (data !== undefined) {
    if (data.length !== ROOT_KEY_LENGTH) throw new TinydidError('keys.bad-key', `${ROOT_KEY_FILE} is ${data.length} bytes, not ${ROOT_KEY_LENGTH}`);
    return new Uint8Array(data);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = random.fill(new Uint8Array(ROOT_KEY_LENGTH));
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    step('open', ROOT_KEY_FILE);
    writeSync(fd, key);
    step('write', ROOT_KEY_FILE);
    if (options.fsync ?? true) {
      fsyncSync(fd);
      step('fsync', ROOT_KEY_FILE);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  step('rename', ROOT_KEY_FILE);
  if (options.fsync ?? true) {
    syncPath(dir);
    step('fsync-dir', ROOT_KEY_FILE);
  }
  return key;
}
