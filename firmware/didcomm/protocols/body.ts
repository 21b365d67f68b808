/** Small checks of protocol message bodies; each failure is `protocol.malformed`. */
import { TinydidError } from '../../errors/tinydid-error';
import { isJsonObject, type JsonObject, type JsonValue } from '../../jose/json';
import type { Message } from '../message';

export function malformed(message: string): never {
  throw new TinydidError('protocol.malformed', message);
}

/** Checks the message is of `type`; throws `protocol.unexpected`. */
export function expectType(message: Message, type: string): Message {
  if (message.type !== type) throw new TinydidError('protocol.unexpected', `expected ${type}, got ${message.type.slice(0, 120)}`);
  return message;
}

export function optionalString(body: JsonObject, name: string, max = 1024): string | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > max) malformed(`${name} must be a string of at most ${max} characters`);
  return v;
}

export function requiredString(body: JsonObject, name: string, max = 1024): string {
  const v = optionalString(body, name, max);
  if (v === undefined || v.length === 0) malformed(`${name} is required`);
  return v;
}

export function objectArray(value: JsonValue | undefined, name: string, max: number): JsonObject[] {
  if (!Array.isArray(value) || value.length > max || !value.every(isJsonObject)) malformed(`${name} must be an array of at most ${max} objects`);
  return value as JsonObject[];
}
