// SUIT command sequences (draft-ietf-suit-manifest sections 8.4.6-8.4.10):
// a flat array of (command, argument) pairs. This file turns the CBOR of a
// sequence into typed commands and checks every argument against the CDDL.
// Nested sequences (try-each, run-sequence) are parsed with an explicit depth
// and a shared command budget, never by unbounded recursion on input.
import { decodeCbor } from '../cbor/decode';
import { CborTag, type CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { parseSuitDigest, type SuitDigest } from './digest';
import { CBOR_PEN_TAG, CONDITION, DIRECTIVE, PARAMETER } from './labels';
import { SUIT_CBOR_DEPTH, type SuitLimits } from './limits';

/** Parameters a manifest can set (section 8.4.8). */
export interface SuitParameters {
  vendorId?: Uint8Array;
  /** True when vendorId is an IANA PEN (tag 112), not a UUID. */
  vendorIsPen?: boolean;
  classId?: Uint8Array;
  imageDigest?: SuitDigest;
  componentSlot?: number;
  imageSize?: number;
  uri?: string;
  sourceComponent?: number;
  invokeArgs?: Uint8Array;
  deviceId?: Uint8Array;
  fetchArguments?: Uint8Array;
  strictOrder?: boolean;
  softFailure?: boolean;
  content?: Uint8Array;
  /** suit-parameter-custom (negative keys). */
  custom?: ReadonlyMap<number, number | boolean | string | Uint8Array>;
}

export type SuitCommand =
  | { readonly kind: 'condition'; readonly code: number; readonly policy: number }
  | { readonly kind: 'directive'; readonly code: number; readonly policy: number }
  | { readonly kind: 'set-component-index'; readonly index: true | readonly number[] }
  | { readonly kind: 'override-parameters'; readonly parameters: SuitParameters }
  | { readonly kind: 'try-each'; readonly alternatives: readonly (readonly SuitCommand[])[]; readonly allowNone: boolean }
  | { readonly kind: 'run-sequence'; readonly sequence: readonly SuitCommand[] }
  | { readonly kind: 'custom'; readonly code: number; readonly argument: CborValue };

/** The state one manifest's parsing shares: limits, component count, commands used so far. */
export interface SequenceBudget {
  readonly limits: SuitLimits;
  readonly componentCount: number;
  commands: number;
}

const CONDITIONS: readonly number[] = Object.freeze(Object.values(CONDITION));
const POLICY_DIRECTIVES: readonly number[] = Object.freeze([DIRECTIVE.write, DIRECTIVE.fetch, DIRECTIVE.copy, DIRECTIVE.invoke, DIRECTIVE.swap]);

function malformed(message: string): TinydidError {
  return new TinydidError('suit.malformed', message);
}

function uint(value: CborValue, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw malformed(`${what} must be an unsigned integer`);
  return value;
}

function bstr(value: CborValue, what: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${what} must be a byte string`);
  if (length !== undefined && value.length !== length) throw malformed(`${what} must be ${length} bytes, got ${value.length}`);
  return value;
}

function bool(value: CborValue, what: string): boolean {
  if (typeof value !== 'boolean') throw malformed(`${what} must be true or false`);
  return value;
}

/** Decodes a `bstr .cbor X` member with SUIT's depth limit. */
export function decodeWrapped(content: Uint8Array, what: string): CborValue {
  try {
    return decodeCbor(content, { maxDepth: SUIT_CBOR_DEPTH, maxLength: content.length, maxInput: content.length });
  } catch (error) {
    if (error instanceof TinydidError) throw new TinydidError('suit.malformed', `${what}: ${error.message}`, { cause: error });
    throw error;
  }
}

function componentIndex(value: number, budget: SequenceBudget, what: string): number {
  if (value >= budget.componentCount) throw malformed(`${what}: component index ${value} but the manifest lists ${budget.componentCount} components`);
  return value;
}

/** $$SUIT_Parameters (section 8.4.8): every key known or custom (negative), every value of its type. */
export function parseParameters(value: CborValue, budget: SequenceBudget): SuitParameters {
  if (!(value instanceof Map) || value.size === 0) throw malformed('override-parameters takes a non-empty map');
  const p: { -readonly [K in keyof SuitParameters]: SuitParameters[K] } = {};
  const custom = new Map<number, number | boolean | string | Uint8Array>();
  for (const [key, v] of value) {
    switch (key) {
      case PARAMETER.vendorIdentifier:
        // RFC4122_UUID / cbor-pen (section 8.4.8.3)
        if (v instanceof CborTag && v.tag === CBOR_PEN_TAG) {
          p.vendorId = bstr(v.value, 'vendor-id (PEN)');
          p.vendorIsPen = true;
        } else {
          p.vendorId = bstr(v, 'vendor-id', 16);
          p.vendorIsPen = false;
        }
        break;
      case PARAMETER.classIdentifier:
        p.classId = bstr(v, 'class-id', 16);
        break;
      case PARAMETER.imageDigest:
        p.imageDigest = parseSuitDigest(decodeWrapped(bstr(v, 'image-digest'), 'image-digest'), 'image-digest');
        break;
      case PARAMETER.componentSlot:
        p.componentSlot = uint(v, 'component-slot');
        break;
      case PARAMETER.strictOrder:
        p.strictOrder = bool(v, 'strict-order');
        break;
      case PARAMETER.softFailure:
        p.softFailure = bool(v, 'soft-failure');
        break;
      case PARAMETER.imageSize:
        p.imageSize = uint(v, 'image-size');
        break;
      case PARAMETER.content:
        p.content = bstr(v, 'content');
        break;
      case PARAMETER.uri:
        if (typeof v !== 'string') throw malformed('uri must be a text string');
        p.uri = v;
        break;
      case PARAMETER.sourceComponent:
        p.sourceComponent = componentIndex(uint(v, 'source-component'), budget, 'source-component');
        break;
      case PARAMETER.invokeArgs:
        p.invokeArgs = bstr(v, 'invoke-args');
        break;
      case PARAMETER.deviceIdentifier:
        p.deviceId = bstr(v, 'device-id', 16);
        break;
      case PARAMETER.fetchArguments:
        p.fetchArguments = bstr(v, 'fetch-arguments');
        break;
      default:
        // suit-parameter-custom = nint => int/bool/tstr/bstr
        if (typeof key === 'number' && Number.isInteger(key) && key < 0) {
          if (!(typeof v === 'number' && Number.isInteger(v)) && typeof v !== 'boolean' && typeof v !== 'string' && !(v instanceof Uint8Array)) {
            throw malformed(`custom parameter ${key} must be int, bool, tstr or bstr`);
          }
          custom.set(key, v);
        } else {
          throw malformed(`unknown parameter ${String(key)}`);
        }
    }
  }
  if (custom.size > 0) p.custom = custom;
  return Object.freeze(p);
}

function parseIndexArg(value: CborValue, budget: SequenceBudget): true | readonly number[] {
  // IndexArg /= uint / true / [+uint] (section 8.4.10.1)
  if (value === true) return true;
  if (typeof value === 'number') return Object.freeze([componentIndex(uint(value, 'set-component-index'), budget, 'set-component-index')]);
  if (Array.isArray(value) && value.length > 0) {
    return Object.freeze(value.map((v) => componentIndex(uint(v, 'set-component-index'), budget, 'set-component-index')));
  }
  throw malformed('set-component-index takes uint, true or [+uint]');
}

/**
 * Parses one command sequence (the content of its bstr). `shared` restricts it
 * to SUIT_Shared_Sequence (conditions and the four shared directives, section
 * 8.4.5). Throws `suit.malformed`, or `suit.too-large` past a limit.
 */
export function parseSequence(content: Uint8Array, budget: SequenceBudget, shared: boolean, nesting = 0, what = 'command sequence'): readonly SuitCommand[] {
  if (nesting > budget.limits.maxNesting) throw new TinydidError('suit.too-large', `${what}: try-each / run-sequence nesting beyond ${budget.limits.maxNesting}`);
  const items = decodeWrapped(content, what);
  if (!Array.isArray(items) || items.length === 0 || items.length % 2 !== 0) throw malformed(`${what}: a sequence is a non-empty array of (command, argument) pairs`);
  const out: SuitCommand[] = [];
  for (let i = 0; i < items.length; i += 2) {
    budget.commands += 1;
    if (budget.commands > budget.limits.maxCommands) throw new TinydidError('suit.too-large', `more than ${budget.limits.maxCommands} commands in one manifest`);
    const code = items[i];
    const arg = items[i + 1];
    if (typeof code !== 'number' || !Number.isInteger(code)) throw malformed(`${what}: command ${i / 2} is not an integer`);
    if (CONDITIONS.includes(code)) {
      out.push(Object.freeze({ kind: 'condition', code, policy: uint(arg, `condition ${code} reporting policy`) }));
    } else if (code === DIRECTIVE.setComponentIndex) {
      out.push(Object.freeze({ kind: 'set-component-index', index: parseIndexArg(arg, budget) }));
    } else if (code === DIRECTIVE.overrideParameters) {
      out.push(Object.freeze({ kind: 'override-parameters', parameters: parseParameters(arg, budget) }));
    } else if (code === DIRECTIVE.runSequence) {
      out.push(Object.freeze({ kind: 'run-sequence', sequence: parseSequence(bstr(arg, 'run-sequence'), budget, shared, nesting + 1, 'run-sequence') }));
    } else if (code === DIRECTIVE.tryEach) {
      // [2* bstr .cbor sequence, ?nil] (section 8.4.10.2)
      if (!Array.isArray(arg)) throw malformed('try-each takes an array of sequences');
      const allowNone = arg.length > 0 && arg[arg.length - 1] === null;
      const list = allowNone ? arg.slice(0, -1) : arg;
      if (list.length < 2) throw malformed('try-each needs at least two alternatives');
      if (list.length > budget.limits.maxTryEach) throw new TinydidError('suit.too-large', `try-each with ${list.length} alternatives; the limit is ${budget.limits.maxTryEach}`);
      const alternatives = list.map((alt) => parseSequence(bstr(alt, 'try-each alternative'), budget, shared, nesting + 1, 'try-each alternative'));
      out.push(Object.freeze({ kind: 'try-each', alternatives: Object.freeze(alternatives), allowNone }));
    } else if (POLICY_DIRECTIVES.includes(code)) {
      if (shared) throw malformed(`${what}: directive ${code} is not allowed in the shared sequence (section 8.4.5)`);
      out.push(Object.freeze({ kind: 'directive', code, policy: uint(arg, `directive ${code} reporting policy`) }));
    } else if (code < 0) {
      // SUIT_Command_Custom = (nint, bstr/tstr/int/nil)
      if (shared) throw malformed(`${what}: custom command ${code} is not allowed in the shared sequence`);
      if (!(arg instanceof Uint8Array) && typeof arg !== 'string' && !(typeof arg === 'number' && Number.isInteger(arg)) && arg !== null) {
        throw malformed(`custom command ${code} takes bstr, tstr, int or nil`);
      }
      out.push(Object.freeze({ kind: 'custom', code, argument: arg }));
    } else {
      // Every command is critical: a processor must not skip one it does not know.
      throw malformed(`${what}: unknown command ${code}`);
    }
  }
  return Object.freeze(out);
}
