import { TinydidError } from '../errors/tinydid-error';

/** Checks that `value` is a Uint8Array (of `length` bytes when given). */
export function assertBytes(value: unknown, title: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TinydidError('bytes.bad-argument', `${title}: expected Uint8Array, got ${typeof value}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new TinydidError('bytes.bad-argument', `${title}: expected ${length} bytes, got ${value.length}`);
  }
  return value;
}
