// `tinydid inspect` over every output.cbor in ../shared/vectors/cose: the
// notation must read back (test/support/edn.ts) as the decoded item, with every
// byte string, integer and text equal, and the COSE tag named in a comment.
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { CborSimple, CborTag, type CborValue } from '../../firmware/cbor/value';
import { COSE_MESSAGE_TAGS } from '../../firmware/cose/message';
import { command as inspect } from '../../tools/cli/commands/inspect';
import { equal, ok } from '../support/assert';
import { runCli } from '../support/cli';
import { Embedded, Float, parseDiagnostic, type ParsedValue } from '../support/edn';
import { vectorFiles, vectorText } from '../support/vectors';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Same item: printed-and-parsed `p` against decoded `d`; returns the number of leaves compared. */
function same(p: ParsedValue, d: CborValue, where: string): number {
  if (p instanceof Embedded) {
    ok(d instanceof Uint8Array, `${where}: <<>> where the item is not a byte string`);
    return same(p.value, decodeCbor(d as Uint8Array), `${where}<<>>`);
  }
  if (p instanceof Float) {
    ok(typeof d === 'number' && (Object.is(p.value, d) || (Number.isNaN(p.value) && Number.isNaN(d))), `${where}: float ${p.value} vs ${String(d)}`);
    return 1;
  }
  if (p instanceof Uint8Array) {
    ok(d instanceof Uint8Array, `${where}: byte string`);
    equal(toHex(p), toHex(d as Uint8Array), where);
    return 1;
  }
  if (Array.isArray(p)) {
    ok(Array.isArray(d) && d.length === p.length, `${where}: array length`);
    return p.reduce((n: number, x, i) => n + same(x, (d as CborValue[])[i], `${where}[${i}]`), 0);
  }
  if (p instanceof Map) {
    ok(d instanceof Map && d.size === p.size, `${where}: map size`);
    const de = [...(d as Map<CborValue, CborValue>)];
    let n = 0;
    let i = 0;
    for (const [k, v] of p as Map<ParsedValue, ParsedValue>) {
      n += same(k, de[i][0], `${where}.key${i}`) + same(v, de[i][1], `${where}.${String(de[i][0])}`);
      i++;
    }
    return n;
  }
  if (p instanceof CborTag) {
    ok(d instanceof CborTag && d.tag === p.tag, `${where}: tag`);
    return same(p.value, (d as CborTag).value, `${where}(${p.tag})`);
  }
  if (p instanceof CborSimple) {
    ok(d instanceof CborSimple && d.value === p.value, `${where}: simple`);
    return 1;
  }
  equal(p, d, where);
  return 1;
}

async function runInspect(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await inspect.run(args, { stdout: (s) => (out += String(s)), stderr: () => undefined });
  return { code, out };
}

describe('tinydid inspect (diagnostic notation of every cose-wg output.cbor)', () => {
  const files = vectorFiles('cose').filter((f) => f.endsWith('.json'));
  const dir = mkdtempSync(join(tmpdir(), 'tinydid-inspect-'));

  it(`prints notation that reads back as the decoded item for all ${files.length} files`, async () => {
    let leaves = 0;
    let marked = 0;
    for (const file of files) {
      const bytes = fromHex(JSON.parse(vectorText(file)).output.cbor);
      const path = join(dir, 'msg.cbor');
      writeFileSync(path, bytes);
      for (const flags of [[], ['--flat'], ['--no-embedded']]) {
        const { code, out } = await runInspect([...flags, path]);
        equal(code, 0, file);
        leaves += same(parseDiagnostic(out.trim()), decodeCbor(bytes), file);
        const top = decodeCbor(bytes);
        if (top instanceof CborTag && COSE_MESSAGE_TAGS.has(top.tag)) {
          ok(out.startsWith(`${top.tag}(/ ${COSE_MESSAGE_TAGS.get(top.tag)} / `), `${file}: tag named`);
          marked++;
        }
      }
    }
    ok(leaves > files.length * 3 * 5, `compared ${leaves} leaves`);
    ok(marked >= 90 * 3, `${marked} COSE tags named`);
  });

  it('runs as a command: hex on stdin, binary file, refusals with exit 1 and 2', () => {
    const v = JSON.parse(vectorText('cose/eddsa-examples/eddsa-sig-01.json'));
    const r = runCli(['inspect'], { input: `${v.output.cbor}\n` });
    equal(r.status, 0, r.stderr);
    ok(r.stdout.toString().startsWith('18(/ COSE_Sign1 / [\n  <<{1: -8, 3: 0}>>,'), r.stdout.toString());
    const bad = runCli(['inspect'], { input: '8301' });
    equal(bad.status, 1);
    ok(bad.stderr.includes('error: cbor.truncated'), bad.stderr);
    equal(runCli(['inspect', 'a', 'b']).status, 2);
    equal(runCli(['inspect', join(dir, 'missing.cbor')]).status, 3);
  });
});
