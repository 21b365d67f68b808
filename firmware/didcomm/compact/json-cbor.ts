/**
 * JSON values <-> CBOR values for the compact profile (PROFILE.md section 2.3),
 * after RFC 8949 section 6.2 ("Converting from JSON to CBOR"), restricted so
 * the conversion is lossless both ways:
 *
 * - JSON numbers that are safe integers become CBOR integers, others floats
 *   (the encoder picks the shortest exact float, section 4.2.1);
 * - objects become maps with text keys (encoding sorts them: member order is
 *   not significant in JSON, RFC 8259 section 4);
 * - a CBOR item with no JSON form (byte string, tag, undefined, simple value,
 *   non-text map key, NaN, Infinity, integer beyond 2^53) is refused with
 *   `didcomm.malformed`, so every compact message has exactly one JSON form.
 */
import type { CborMap, CborValue } from '../../cbor/value';
import { TinydidError } from '../../errors/tinydid-error';
import { isJsonObject, type JsonObject, type JsonValue } from '../../jose/json';

/** The CBOR value of a JSON value. */
export function jsonToCbor(value: JsonValue): CborValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TinydidError('didcomm.malformed', 'a JSON number must be finite');
    return value;
  }
  if (Array.isArray(value)) return value.map(jsonToCbor);
  if (isJsonObject(value)) return jsonObjectToCbor(value);
  throw new TinydidError('didcomm.malformed', `not a JSON value: ${typeof value}`);
}

/** A CBOR map with the object's members (text keys). */
export function jsonObjectToCbor(value: JsonObject): CborMap {
  const map: CborMap = new Map();
  for (const key of Object.keys(value)) map.set(key, jsonToCbor(value[key]));
  return map;
}

/** Sets a member without touching the prototype (a key may be "__proto__"). */
export function setMember(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The JSON value of a decoded CBOR value; `where` names it in errors. */
export function cborToJson(value: CborValue, where: string): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TinydidError('didcomm.malformed', `${where}: NaN and Infinity have no JSON form`);
    return value;
  }
  if (typeof value === 'bigint') throw new TinydidError('didcomm.malformed', `${where}: integer beyond 2^53 has no exact JSON form`);
  if (Array.isArray(value)) return value.map((v, i) => cborToJson(v, `${where}[${i}]`));
  if (value instanceof Map) return cborMapToJson(value, where);
  throw new TinydidError('didcomm.malformed', `${where}: ${value === undefined ? 'undefined' : value instanceof Uint8Array ? 'a byte string' : 'a tag or simple value'} has no JSON form`);
}

/** The JSON object of a CBOR map whose keys are all text. */
export function cborMapToJson(map: CborValue, where: string): JsonObject {
  if (!(map instanceof Map)) throw new TinydidError('didcomm.malformed', `${where} must be a map`);
  const out: JsonObject = {};
  for (const [k, v] of map) {
    if (typeof k !== 'string') throw new TinydidError('didcomm.malformed', `${where}: map key ${String(k)} is not text`);
    setMember(out, k, cborToJson(v, `${where}.${k}`));
  }
  return out;
}
