// `crypto.unsupported` for the device adapters that stand in for npm modules
// (device-random.ts): they import only bare names, so they reach TinydidError
// through this module, whose own module name resolves the relative import.
import { TinydidError } from '../../../firmware/errors/tinydid-error';

/** Throws `crypto.unsupported`: `what` is not in the device images. */
export function unsupported(what: string): never {
  throw new TinydidError('crypto.unsupported', `${what} is not in the device images`);
}
