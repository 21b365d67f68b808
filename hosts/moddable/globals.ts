// Preloaded before everything else in the image (hosts/moddable/manifest.json):
// the few globals that npm dependencies expect and the Moddable runtime does
// not define as globals, written in pure JS so they also work during preload,
// when the XS linker runs module bodies at build time and native functions
// cannot be called (Moddable "Using XS Preload", section "Native Functions").
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';

type Globals = Record<string, unknown>;

/**
 * @noble/curves calls `new TextEncoder().encode(...)` at import (ed25519.js
 * builds its FROST and hash-to-curve constants), so ed25519 cannot even load
 * without it. Moddable's own text/encoder is native and cannot run at preload.
 */
class Utf8TextEncoder {
  get encoding(): string {
    return 'utf-8';
  }
  encode(text = ''): Uint8Array {
    return utf8Encode(String(text));
  }
}
Object.freeze(Utf8TextEncoder.prototype);

class Utf8TextDecoder {
  get encoding(): string {
    return 'utf-8';
  }
  decode(bytes?: Uint8Array): string {
    return bytes === undefined ? '' : utf8Decode(bytes);
  }
}
Object.freeze(Utf8TextDecoder.prototype);

const g = globalThis as unknown as Globals;
if (g.TextEncoder === undefined) g.TextEncoder = Utf8TextEncoder;
if (g.TextDecoder === undefined) g.TextDecoder = Utf8TextDecoder;

// After preload the XS linker freezes the built-in prototypes (Moddable "Using
// XS Preload", "Modifying Built-in Objects Behavior"): `this.name = ...` in an
// Error subclass constructor (TinydidError, @noble's errors) would then throw
// "set name: not writable". An accessor on Error.prototype defines an own
// `name` on the instance instead, as the SDK documentation recommends.
Object.defineProperty(Error.prototype, 'name', {
  get(this: Error): string {
    return 'Error';
  },
  set(this: Error, value: string) {
    Object.defineProperty(this, 'name', { value, writable: true, configurable: true, enumerable: false });
  },
  configurable: true,
});

export const GLOBALS_INSTALLED = true;
