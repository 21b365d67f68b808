// The RecordFileSystem seam over node:fs: one directory, durable writes
// (fsync of the file before rename, fsync of the directory after rename and
// unlink), so firmware/storage/file-kv.ts gets its atomic put on a real disk.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordFileSystem } from '../../firmware/storage/file-system';

/** The fs steps a write goes through, in order; the power-loss test stops the process after any one of them. */
export type FileStep = 'open' | 'write' | 'fsync' | 'rename' | 'fsync-dir' | 'remove';

export interface NodeFileSystemOptions {
  /** fsync files and the directory (default true). A fleet simulation may turn it off for speed, giving up power-loss safety. */
  fsync?: boolean;
  /** Called after each step (tests use it to kill the process there). */
  onStep?: (step: FileStep, name: string) => void;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export class NodeFileSystem implements RecordFileSystem {
  readonly #dir: string;
  readonly #fsync: boolean;
  readonly #onStep: (step: FileStep, name: string) => void;

  constructor(dir: string, options: NodeFileSystemOptions = {}) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#dir = dir;
    this.#fsync = options.fsync ?? true;
    this.#onStep = options.onStep ?? (() => {});
  }

  #syncDir(name: string): void {
    if (!this.#fsync) return;
    const fd = openSync(this.#dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.#onStep('fsync-dir', name);
  }

  read(name: string): Uint8Array | undefined {
    try {
      const data = readFileSync(join(this.#dir, name));
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  write(name: string, data: Uint8Array): void {
    const fd = openSync(join(this.#dir, name), 'w', 0o600);
    try {
      this.#onStep('open', name);
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
      this.#onStep('write', name);
      if (this.#fsync) {
        fsyncSync(fd);
        this.#onStep('fsync', name);
      }
    } finally {
      closeSync(fd);
    }
  }

  rename(from: string, to: string): void {
    renameSync(join(this.#dir, from), join(this.#dir, to));
    this.#onStep('rename', to);
    this.#syncDir(to);
  }

  remove(name: string): void {
    try {
      unlinkSync(join(this.#dir, name));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    this.#onStep('remove', name);
    this.#syncDir(name);
  }

  names(): string[] {
    return readdirSync(this.#dir).sort();
  }
}
