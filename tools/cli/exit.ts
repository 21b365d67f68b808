// The CLI contract every command keeps (README "Command line"):
//   0 done / valid; 1 a verdict against the input (stderr: `error: CODE: message`);
//   2 usage error; 3 I/O error (missing or unreadable file).
import { TinydidError } from '../../firmware/errors/tinydid-error';

export const EXIT = Object.freeze({ ok: 0, verdict: 1, usage: 2, io: 3 });

/** A command line that does not make sense: exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A file that is missing or cannot be read or written: exit 3. */
export class IoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IoError';
  }
}

/** Writes the error the contract's way and returns the exit code for it. */
export function reportError(error: unknown, stderr: (text: string) => void): number {
  if (error instanceof TinydidError) {
    stderr(`error: ${error.code}: ${error.message}\n`);
    return EXIT.verdict;
  }
  if (error instanceof UsageError) {
    stderr(`usage error: ${error.message}\n(see: tinydid help)\n`);
    return EXIT.usage;
  }
  if (error instanceof IoError) {
    stderr(`io error: ${error.message}\n`);
    return EXIT.io;
  }
  stderr(`internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  return 70; // EX_SOFTWARE: a bug in tinydid, never an answer about the input
}
