import type { ErrorCode } from './codes';

/**
 * The one error type that leaves tinydid's decoders and verifiers. `code` is
 * stable (see ./codes.ts); `message` is for people; `cause` carries whatever
 * lower-level error led here, if any.
 */
export class TinydidError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message === undefined ? code : message);
    this.name = 'TinydidError';
    this.code = code;
    if (options !== undefined && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
  }
}

/** True when `e` is a TinydidError, optionally with the given code. */
export function isTinydidError(e: unknown, code?: ErrorCode): e is TinydidError {
  return e instanceof TinydidError && (code === undefined || e.code === code);
}
