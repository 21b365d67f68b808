// The device root key on the Node host: 32 random bytes in `<dir>/root.key`
// (mode 0600), created on first run (temp file, fsync, rename, fsync of the
// directory, so a cut never leaves a short key behind).
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { Random } from '../../firmware/host/random';
import { ROOT_KEY_LENGTH } from '../../firmware/keys/sealed-record';

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
export function loadOrCreateRootKey(dir: string, random: Random, options: { fsync?: boolean } = {}): Uint8Array {
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
    writeSync(fd, key);
    if (options.fsync ?? true) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  if (options.fsync ?? true) syncPath(dir);
  return key;
}
