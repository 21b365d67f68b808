/**
 * CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, init and xor-out
 * 0xFFFFFFFF; ITU-T V.42 / ISO 3309). A checksum against torn and worn flash
 * records, not an integrity protection against an attacker (keys records carry
 * an AEAD tag for that). Bitwise, without a table, so nothing runs at import.
 */
export function crc32(data: Uint8Array, end = data.length): number {
  let crc = 0xffffffff;
  for (let i = 0; i < end; i++) {
    crc ^= data[i];
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
