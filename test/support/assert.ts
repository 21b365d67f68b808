// A small assert that runs on Node and on XS (which has no node:assert).
import { TinydidError } from '../../firmware/errors/tinydid-error';

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

function show(value: unknown): string {
  if (value instanceof Uint8Array) {
    let hex = '';
    for (let i = 0; i < Math.min(value.length, 48); i++) hex += (value[i] < 16 ? '0' : '') + value[i].toString(16);
    return `Uint8Array(${value.length})[${hex}${value.length > 48 ? '...' : ''}]`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? show(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

export function fail(message: string): never {
  throw new AssertionError(message);
}

export function ok(value: unknown, message = 'expected a truthy value'): void {
  if (!value) fail(`${message} (got ${show(value)})`);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (!Object.is(actual, expected)) fail(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function notEqual<T>(actual: T, unexpected: T, message = ''): void {
  if (Object.is(actual, unexpected)) fail(`${message ? message + ': ' : ''}expected anything but ${show(unexpected)}`);
}

function deepEq(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth > 64 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    const bEntries = [...b.entries()];
    let i = 0;
    for (const [k, v] of a) {
      if (!deepEq(k, bEntries[i][0], depth + 1) || !deepEq(v, bEntries[i][1], depth + 1)) return false;
      i++;
    }
    return true;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEq(a[i], bb[i], depth + 1)) return false;
    return true;
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** Structural equality: plain objects, arrays, Maps (in order), Uint8Arrays, primitives. */
export function deepEqual(actual: unknown, expected: unknown, message = ''): void {
  if (!deepEq(actual, expected, 0)) fail(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

function checkError(error: unknown, code: string | undefined, where: string): TinydidError | Error {
  if (code === undefined) {
    if (!(error instanceof Error)) fail(`${where}: threw a non-Error ${show(error)}`);
    return error;
  }
  if (!(error instanceof TinydidError)) {
    fail(`${where}: expected TinydidError ${code}, got ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`);
  }
  if (error.code !== code) fail(`${where}: expected code ${code}, got ${error.code} (${error.message})`);
  return error;
}

/** Calls `fn` and checks it throws; with `code`, a TinydidError with that code. */
export function throws(fn: () => unknown, code?: string, message = 'throws'): Error {
  try {
    fn();
  } catch (error) {
    return checkError(error, code, message);
  }
  return fail(`${message}: expected ${code ?? 'an error'}, nothing was thrown`);
}

/** Awaits `promise` and checks it rejects; with `code`, a TinydidError with that code. */
export async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), code?: string, message = 'rejects'): Promise<Error> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return checkError(error, code, message);
  }
  return fail(`${message}: expected ${code ?? 'a rejection'}, it resolved`);
}
