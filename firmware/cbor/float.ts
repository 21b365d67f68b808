// IEEE 754 half precision <-> number, for preferred serialization of floats
// (RFC 8949 section 4.2.1 and appendix D).

/** The value of a binary16 given as its 16 bits. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** The 16 bits of `value` as binary16, or -1 when binary16 cannot hold it exactly. */
export function numberToHalf(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const abs = Math.abs(value);
  if (abs === Infinity) return sign | 0x7c00;
  if (abs === 0) return sign;
  // Normal range: 2^-14 .. 65504; subnormals: multiples of 2^-24 below 2^-14.
  if (abs < 2 ** -14) {
    const m = abs / 2 ** -24;
    return Number.isInteger(m) ? sign | m : -1;
  }
  const exponent = Math.floor(Math.log2(abs));
  let e = exponent;
  // Guard against log2 rounding at powers of two.
  if (2 ** e > abs) e--;
  if (2 ** (e + 1) <= abs) e++;
  if (e > 15) return -1;
  const mantissa = (abs / 2 ** e - 1) * 1024;
  if (!Number.isInteger(mantissa)) return -1;
  return sign | ((e + 15) << 10) | mantissa;
}

/** True when binary32 holds `value` exactly. */
export function fitsFloat32(value: number): boolean {
  return Number.isNaN(value) || Math.fround(value) === value;
}
