// $(MODULES)/crypt/digest: native message digests (SHA-256 by the platform's
// implementation: mbedTLS on ESP32, the SDK's C code elsewhere).
declare module 'crypt' {
  export type DigestAlgorithm = 'MD5' | 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';
  export class Digest {
    constructor(algorithm: DigestAlgorithm);
    write(data: ArrayBuffer | ArrayBufferView | string): void;
    close(): ArrayBuffer;
    reset(): void;
    readonly blockSize: number;
    readonly outputSize: number;
    process(...data: (ArrayBuffer | ArrayBufferView | string)[]): ArrayBuffer;
  }
}
