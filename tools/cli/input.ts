// Reading inputs for commands: a FILE argument or stdin; binary or the same bytes
// as hex text (whitespace and an optional 0x prefix allowed).
import { readFileSync } from 'node:fs';
import { fromHex } from '../../firmware/bytes/hex';
import { IoError } from './exit';

export function readInput(file: string | undefined): Uint8Array {
  try {
    const data = file === undefined || file === '-' ? readFileSync(0) : readFileSync(file);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    throw new IoError(`cannot read ${file ?? 'stdin'}: ${(error as Error).message}`, { cause: error });
  }
}

export function readTextInput(file: string | undefined): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(readInput(file));
}

/** True when every byte is a hex digit, whitespace, or part of a leading 0x. */
function looksLikeHex(bytes: Uint8Array): boolean {
  const text = new TextDecoder().decode(bytes).trim().replace(/^0x/i, '');
  return text.length > 0 && /^[0-9a-fA-F\s]+$/.test(text) && text.replace(/\s+/g, '').length % 2 === 0;
}

/** Bytes of FILE/stdin; hex text is decoded to the bytes it spells. */
export function readBinaryInput(file: string | undefined): Uint8Array {
  const raw = readInput(file);
  if (!looksLikeHex(raw)) return raw;
  return fromHex(new TextDecoder().decode(raw).trim().replace(/^0x/i, '').replace(/\s+/g, ''));
}
