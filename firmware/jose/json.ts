import { utf8Decode, utf8Encode } from '../bytes/utf8';
import { TinydidError } from '../errors/tinydid-error';

/** A JSON value as JSON.parse returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Named limits of the JSON reader (DESIGN section 7 point 4). */
export const JSON_LIMITS = Object.freeze({
  /** Deepest nesting of arrays and objects accepted. */
  maxDepth: 32,
});

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the nesting depth of a parsed value without recursion (untrusted
 * input must not exhaust the native stack); throws `jose.too-deep`.
 */
export function checkDepth(value: unknown, maxDepth: number = JSON_LIMITS.maxDepth): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) throw new TinydidError('jose.too-deep', `JSON nesting deeper than ${maxDepth}`);
    const children = Array.isArray(v) ? v : Object.values(v as object);
    for (const child of children) stack.push([child, depth + 1]);
  }
}

/**
 * Nesting depth of JSON text, found by one linear scan that skips strings
 * (RFC 8259 section 7), stopping as soon as it passes `maxDepth`. It runs
 * before JSON.parse because XS parses recursively: thousands of `[` would
 * overflow the device's native stack instead of failing cleanly.
 */
function scanDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new TinydidError('jose.too-deep', `JSON nesting deeper than ${maxDepth}`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/**
 * Parses UTF-8 JSON text (RFC 8259) from untrusted bytes or text: size is the
 * caller's limit, depth is checked here before parsing. Throws
 * `jose.bad-json`, `jose.too-deep`.
 */
export function parseJson(input: Uint8Array | string, maxDepth: number = JSON_LIMITS.maxDepth): JsonValue {
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8Decode(input);
  } catch (cause) {
    throw new TinydidError('jose.bad-json', 'JSON text is not UTF-8', { cause });
  }
  scanDepth(text, maxDepth);
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (cause) {
    throw new TinydidError('jose.bad-json', 'not JSON text (RFC 8259)', { cause });
  }
  checkDepth(value, maxDepth);
  return value;
}

/** JSON.parse of a base64url-decoded segment that must be an object (JOSE headers, payloads). */
export function parseJsonObject(input: Uint8Array | string, what: string): JsonObject {
  const value = parseJson(input);
  if (!isJsonObject(value)) throw new TinydidError('jose.bad-json', `${what} must be a JSON object`);
  return value;
}

/** UTF-8 bytes of the JSON text of `value`. */
export function jsonBytes(value: unknown): Uint8Array {
  return utf8Encode(JSON.stringify(value));
}
