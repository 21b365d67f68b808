import { Digest } from 'crypt';

/**
 * SHA-256 through the SDK's native digest ($(MODULES)/crypt/digest): hashing a
 * firmware image in pure JS on XS costs about 1.75 s per MiB on a desktop CPU,
 * far more on a microcontroller (DESIGN section 6). Same shape as the crypto
 * suite's `sha256` and `sha256Stream` so a host suite can plug these in.
 */
export function nativeSha256(data: Uint8Array): Uint8Array {
  const digest = new Digest('SHA256');
  digest.write(data);
  return new Uint8Array(digest.close());
}

export interface NativeSha256Stream {
  update(data: Uint8Array): NativeSha256Stream;
  digest(): Uint8Array;
}

export function nativeSha256Stream(): NativeSha256Stream {
  const digest = new Digest('SHA256');
  const stream: NativeSha256Stream = {
    update(data: Uint8Array): NativeSha256Stream {
      digest.write(data);
      return stream;
    },
    digest(): Uint8Array {
      return new Uint8Array(digest.close());
    },
  };
  return stream;
}
