/**
 * The compact profile behind the codec face (../codecs.ts), so the CLI, the
 * bench and a gateway pick it by name ('cbor') or by the first bytes of a
 * message (PROFILE.md section 1.2).
 */
import type { DidcommCodec } from '../codecs';
import { packCompact } from './pack';
import { unpackCompact } from './unpack';

/** COSE_Encrypt (tag 96: d8 60), COSE_Sign1 (tag 18: d2) or a plaintext map (a0..bb). */
export function isCompactMessage(packed: Uint8Array): boolean {
  if (packed.length === 0) return false;
  const b = packed[0];
  return (b === 0xd8 && packed[1] === 0x60) || b === 0xd2 || (b >= 0xa0 && b <= 0xbb);
}

export const COMPACT_CODEC: DidcommCodec = Object.freeze({
  encoding: 'cbor' as const,
  pack: packCompact,
  unpack: unpackCompact,
  recognizes: isCompactMessage,
});
