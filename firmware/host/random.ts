/**
 * The Random seam (DESIGN section 3): fills `bytes` from the host's CSPRNG
 * (ESP32 esp_random with RF on, nRF52 RNG peripheral, Node crypto). Never
 * the engine's built-in pseudo-random numbers, which repeat per boot on XS.
 */
export interface Random {
  fill(bytes: Uint8Array): Uint8Array;
}

/** `length` fresh random bytes from `random`. */
export function randomBytes(random: Random, length: number): Uint8Array {
  return random.fill(new Uint8Array(length));
}
