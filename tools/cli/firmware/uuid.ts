// RFC 9562 (formerly RFC 4122) UUID text <-> the 16 bytes SUIT carries.
import { fromHex, toHex } from '../../../firmware/bytes/hex';
import { UsageError } from '../exit';

const PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseUuid(text: string, flag: string): Uint8Array {
  if (!PATTERN.test(text)) throw new UsageError(`--${flag} must be a UUID like fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe, not '${text}'`);
  return fromHex(text.replace(/-/g, '').toLowerCase());
}

export function formatUuid(bytes: Uint8Array): string {
  const h = toHex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
