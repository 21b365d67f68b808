// Native binding of the Random seam (the `@` syntax is XS's native-function
// binding; this file is JavaScript because TypeScript cannot express it).
// One C implementation per platform: lin/modRandomLin.c (getrandom(2)),
// esp32/modRandomEsp32.c (esp_fill_random), nrf52/modRandomNrf52.c (RNG
// peripheral through the SoftDevice). Throws when the platform's CSPRNG fails.

/** Fills `buffer` (ArrayBuffer or a view of one) with bytes from the platform CSPRNG; returns nothing. */
export function fillRandom(buffer) @ "xs_tinydid_random_fill";
