// A stand-in for the Moddable SDK's `crypt` module (hosts/moddable/types/crypt.d.ts)
// on node:crypto, as module source for tools/firmware/closure.ts moddablePlugin's
// stubs. Bundles that use it mark node:crypto external. Like the native Digest
// it has write, close and reset; unlike it, a write or close after close throws,
// so an adapter that misuses the digest fails here. Every close counts in
// globalThis.nativeDigests, so a test can see the native path was taken.
export const FAKE_CRYPT_SOURCE = `import { createHash } from 'node:crypto';
const NAMES = { SHA256: 'sha256', SHA512: 'sha512' };
export class Digest {
  constructor(algorithm) { if (!(algorithm in NAMES)) throw new Error('crypt: unsupported digest'); this.name = NAMES[algorithm]; this.reset(); }
  write(data) {
    if (this.closed) throw new Error('crypt: write after close');
    this.h.update(data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  close() {
    if (this.closed) throw new Error('crypt: close after close');
    this.closed = true;
    globalThis.nativeDigests = (globalThis.nativeDigests ?? 0) + 1;
    const d = this.h.digest();
    return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength);
  }
  reset() { this.h = createHash(this.name); this.closed = false; }
}`;
