// The SDK's native SHA-2 ($(MODULES)/crypt/digest: C on every device) behind
// the @stablelib hash interface (@stablelib/hash SerializableHash), for the
// device images' @stablelib/sha256 and @stablelib/sha512 (native-sha256.ts,
// native-sha512.ts; tools/firmware/closure.ts PLATFORM_MODULES). It computes
// no hash itself: every byte goes to the native Digest. No module-level state:
// each instance owns its Digest.
import type { SerializableHash } from '@stablelib/hash';
import { Digest, type DigestAlgorithm } from 'crypt';
import { TinydidError } from '../../../firmware/errors/tinydid-error';

/**
 * The native Digest cannot export its state, so the state @stablelib/hmac
 * saves (and @stablelib/hkdf restores for every output block) is the bytes
 * hashed since the last reset, kept while they fit in one block: HMAC saves
 * after exactly one block, K xor ipad or K xor opad (RFC 2104 section 2).
 * restoreState hashes them again.
 */
export class NativeHash implements SerializableHash {
  readonly digestLength: number;
  readonly blockSize: number;
  private readonly _algorithm: DigestAlgorithm;
  private readonly _digest: Digest;
  /** The bytes since reset while they fit in one block; undefined beyond. */
  private _prefix: Uint8Array | undefined;
  private _length = 0;
  /** The digest once finished (finish returns the same value until reset). */
  private _out: Uint8Array | undefined;

  constructor(algorithm: DigestAlgorithm, digestLength: number, blockSize: number) {
    this._algorithm = algorithm;
    this.digestLength = digestLength;
    this.blockSize = blockSize;
    this._digest = new Digest(algorithm);
    this._prefix = new Uint8Array(blockSize);
  }

  update(data: Uint8Array): this {
    if (this._out !== undefined) throw new TinydidError('crypto.unsupported', `${this._algorithm}: update after finish (reset first)`);
    if (this._prefix !== undefined) {
      if (this._length + data.length <= this.blockSize) {
        this._prefix.set(data, this._length);
        this._length += data.length;
      } else {
        this._prefix.fill(0);
        this._prefix = undefined;
      }
    }
    this._digest.write(data);
    return this;
  }

  /** Puts the digest into the first digestLength bytes of `out`; the same digest again until reset. */
  finish(out: Uint8Array): this {
    if (this._out === undefined) this._out = new Uint8Array(this._digest.close());
    out.set(this._out);
    return this;
  }

  digest(): Uint8Array {
    const out = new Uint8Array(this.digestLength);
    this.finish(out);
    return out;
  }

  reset(): this {
    this._digest.reset();
    this._out?.fill(0);
    this._out = undefined;
    if (this._prefix === undefined) this._prefix = new Uint8Array(this.blockSize);
    else this._prefix.fill(0);
    this._length = 0;
    return this;
  }

  clean(): void {
    this.reset();
  }

  /** The bytes hashed since reset; refused beyond one block or once finished. */
  saveState(): Uint8Array {
    if (this._out !== undefined || this._prefix === undefined) throw new TinydidError('crypto.unsupported', `${this._algorithm}: the native digest saves at most one block of state`);
    return this._prefix.slice(0, this._length);
  }

  restoreState(state: Uint8Array): this {
    return this.reset().update(state);
  }

  cleanSavedState(state: Uint8Array): void {
    state.fill(0);
  }
}

/** One-shot native digest of `data`. */
export function nativeHash(algorithm: DigestAlgorithm, data: Uint8Array): Uint8Array {
  const digest = new Digest(algorithm);
  digest.write(data);
  return new Uint8Array(digest.close());
}
