/** Fills `buffer` from the platform CSPRNG (native: modRandom*.c). */
export function fillRandom(buffer: ArrayBufferView | ArrayBuffer): void;
