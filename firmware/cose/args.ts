import { TinydidError } from '../errors/tinydid-error';

/** A byte-string argument of a COSE call, or cose.bad-argument naming it. */
export function bytesArg(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TinydidError('cose.bad-argument', `${what} must be a Uint8Array`);
  return value;
}
