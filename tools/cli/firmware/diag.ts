// CBOR diagnostic notation (RFC 8949 section 8, with the "<< >>" embedded-CBOR
// form of RFC 8610 appendix G.3) for SUIT envelopes, annotated like the
// draft's examples: member names as comments, byte strings that wrap CBOR
// shown opened, severed members and integrated payloads marked.
import { toHex } from '../../../firmware/bytes/hex';
import { decodeCbor } from '../../../firmware/cbor/decode';
import { CborSimple, CborTag, type CborValue } from '../../../firmware/cbor/value';
import { CONDITION, DIRECTIVE, ENVELOPE, MANIFEST, PARAMETER, SEVERABLE_MEMBERS } from '../../../firmware/update/labels';

type Context = 'envelope' | 'auth' | 'manifest' | 'common' | 'sequence' | 'parameters' | 'sign1' | 'digest' | 'text' | 'plain';

const NAMES: Record<string, Record<number, string>> = {
  envelope: { 2: 'authentication-wrapper', 3: 'manifest', 16: 'payload-fetch', 20: 'install', 23: 'text' },
  manifest: { 1: 'manifest-version', 2: 'manifest-sequence-number', 3: 'common', 4: 'reference-uri', 7: 'validate', 8: 'load', 9: 'invoke', 16: 'payload-fetch', 20: 'install', 23: 'text' },
  common: { 2: 'components', 4: 'shared-sequence' },
  parameters: Object.fromEntries(Object.entries(PARAMETER).map(([k, v]) => [v, k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)])),
  commands: Object.fromEntries([
    ...Object.entries(CONDITION).map(([k, v]) => [v, `condition-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]),
    ...Object.entries(DIRECTIVE).map(([k, v]) => [v, `directive-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]),
  ]),
  cose: { 1: 'alg', 4: 'kid' },
};

/** Integrated payloads longer than this are elided (with their length) to keep the output readable. */
const MAX_SHOWN = 64;

function pad(depth: number): string {
  return '    '.repeat(depth);
}

function tryDecode(bytes: Uint8Array): CborValue | undefined {
  try {
    return decodeCbor(bytes);
  } catch {
    return undefined;
  }
}

function scalar(value: CborValue): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    if (Object.is(value, -0)) return '-0.0';
    return Number.isInteger(value) ? String(value) : String(value).includes('.') || String(value).includes('e') ? String(value) : `${value}.0`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Uint8Array) return `h'${toHex(value)}'`;
  if (value instanceof CborSimple) return `simple(${value.value})`;
  return '?';
}

/** Opens `bytes` as embedded CBOR in `context`, or prints it as a byte string when it does not decode. */
function embedded(bytes: Uint8Array, context: Context, depth: number): string {
  const inner = tryDecode(bytes);
  return inner === undefined ? scalar(bytes) : `<< ${print(inner, context, depth)} >>`;
}

function printSequence(items: CborValue[], depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const code = items[i];
    const arg = items[i + 1];
    const name = typeof code === 'number' ? NAMES.commands[code] : undefined;
    let shown: string;
    if (code === DIRECTIVE.overrideParameters) shown = print(arg, 'parameters', depth + 1);
    else if (code === DIRECTIVE.runSequence && arg instanceof Uint8Array) shown = embedded(arg, 'sequence', depth + 1);
    else if (code === DIRECTIVE.tryEach && Array.isArray(arg)) {
      shown = `[\n${arg.map((alt) => `${pad(depth + 2)}${alt instanceof Uint8Array ? embedded(alt, 'sequence', depth + 2) : scalar(alt)}`).join(',\n')}\n${pad(depth + 1)}]`;
    } else shown = print(arg, 'plain', depth + 1);
    lines.push(`${pad(depth + 1)}${name ? `/ ${name} / ` : ''}${scalar(code)}, ${shown}`);
  }
  return `[\n${lines.join(',\n')}\n${pad(depth)}]`;
}

function printMap(map: Map<CborValue, CborValue>, context: Context, depth: number): string {
  if (map.size === 0) return '{}';
  const names = context === 'sign1' ? NAMES.cose : NAMES[context] ?? {};
  const lines: string[] = [];
  for (const [key, value] of map) {
    const name = typeof key === 'number' ? names[key] : undefined;
    let shown: string;
    let note = '';
    if (context === 'envelope' && key === ENVELOPE.authenticationWrapper && value instanceof Uint8Array) shown = embedded(value, 'auth', depth + 1);
    else if (context === 'envelope' && key === ENVELOPE.manifest && value instanceof Uint8Array) shown = embedded(value, 'manifest', depth + 1);
    else if (context === 'envelope' && typeof key === 'number' && SEVERABLE_MEMBERS.includes(key) && value instanceof Uint8Array) {
      note = ' / severed member, carried in the envelope /';
      shown = embedded(value, key === MANIFEST.text ? 'text' : 'sequence', depth + 1);
    } else if (context === 'envelope' && typeof key === 'string' && value instanceof Uint8Array) {
      note = ` / integrated payload, ${value.length} bytes /`;
      shown = value.length > MAX_SHOWN ? `h'${toHex(value.subarray(0, MAX_SHOWN))}' / ... ${value.length - MAX_SHOWN} more bytes elided /` : scalar(value);
    } else if (context === 'manifest' && key === MANIFEST.common && value instanceof Uint8Array) shown = embedded(value, 'common', depth + 1);
    else if (context === 'manifest' && (key === MANIFEST.validate || key === MANIFEST.load || key === MANIFEST.invoke) && value instanceof Uint8Array) shown = embedded(value, 'sequence', depth + 1);
    else if (context === 'manifest' && typeof key === 'number' && SEVERABLE_MEMBERS.includes(key)) {
      if (Array.isArray(value)) {
        note = ' / severed: SUIT_Digest of the member /';
        shown = print(value, 'digest', depth + 1);
      } else shown = value instanceof Uint8Array ? embedded(value, key === MANIFEST.text ? 'text' : 'sequence', depth + 1) : print(value, 'plain', depth + 1);
    } else if (context === 'common' && key === 4 && value instanceof Uint8Array) shown = embedded(value, 'sequence', depth + 1);
    else if (context === 'parameters' && key === PARAMETER.imageDigest && value instanceof Uint8Array) shown = embedded(value, 'digest', depth + 1);
    else shown = print(value, 'plain', depth + 1);
    lines.push(`${pad(depth + 1)}${name ? `/ ${name} / ` : ''}${print(key, 'plain', depth + 1)}${note}: ${shown}`);
  }
  return `{\n${lines.join(',\n')}\n${pad(depth)}}`;
}

function printArray(items: CborValue[], context: Context, depth: number): string {
  if (items.length === 0) return '[]';
  if (context === 'sequence' && items.length % 2 === 0) return printSequence(items, depth);
  const shown = items.map((item, i) => {
    if (context === 'auth' && item instanceof Uint8Array) return `${i === 0 ? '/ digest / ' : '/ signature / '}${embedded(item, i === 0 ? 'digest' : 'plain', depth + 1)}`;
    if (context === 'sign1' && i === 0 && item instanceof Uint8Array) return `/ protected / ${item.length === 0 ? "h''" : embedded(item, 'sign1', depth + 1)}`;
    if (context === 'sign1' && i === 1) return `/ unprotected / ${print(item, 'sign1', depth + 1)}`;
    if (context === 'sign1' && i === 2) return `/ payload / ${print(item, 'plain', depth + 1)}`;
    if (context === 'sign1' && i === 3) return `/ signature / ${print(item, 'plain', depth + 1)}`;
    if (context === 'digest' && i === 0) return `/ algorithm-id / ${print(item, 'plain', depth + 1)}${item === -16 ? ' / "sha256" /' : ''}`;
    if (context === 'digest' && i === 1) return `/ digest-bytes / ${print(item, 'plain', depth + 1)}`;
    return print(item, 'plain', depth + 1);
  });
  return `[\n${shown.map((s) => `${pad(depth + 1)}${s}`).join(',\n')}\n${pad(depth)}]`;
}

/** Diagnostic notation of `value` read as a `context` structure. */
export function print(value: CborValue, context: Context, depth = 0): string {
  if (value instanceof CborTag) {
    const inner = value.tag === 107 ? 'envelope' : value.tag === 18 ? 'sign1' : 'plain';
    return `${value.tag}(${print(value.value, inner, depth)})`;
  }
  if (Array.isArray(value)) return printArray(value, context, depth);
  if (value instanceof Map) return printMap(value, context, depth);
  return scalar(value);
}

/** The whole envelope (tag 107) in annotated diagnostic notation. */
export function suitDiagnostic(envelope: CborValue): string {
  return print(envelope, 'plain', 0);
}
