// Node and XS produce identical CBOR bytes for the same values: the same seeded
// corpus is encoded in this process and in a bundle run on the real XS engine
// (xsnap), and the SHA-256 of the concatenated encodings must match.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ensureXsnap } from '../../tools/xs/build-xsnap';
import { equal, ok } from '../support/assert';
import { cborCorpusDigest } from '../support/cbor-corpus';
import { PROJECT_ROOT } from '../support/source-files';
import { XS_BUNDLE_OPTIONS } from '../../tools/xs/esbuild-xs';

const SEED = 4_2_1;
const COUNT = 2000;

describe('cbor: Node and XS encode the same values to the same bytes', () => {
  it(`${COUNT} generated values: same SHA-256 of the encodings on both engines`, async () => {
    const node = cborCorpusDigest(SEED, COUNT);
    const dir = mkdtempSync(join(tmpdir(), 'tinydid-cbor-xs-'));
    try {
      const outfile = join(dir, 'corpus.js');
      await build({
        stdin: {
          contents: `import { cborCorpusDigest } from './test/support/cbor-corpus';\nconst d = cborCorpusDigest(${SEED}, ${COUNT});\nprint(JSON.stringify(d));\n`,
          resolveDir: PROJECT_ROOT,
          sourcefile: 'cbor-corpus-entry.ts',
          loader: 'ts',
        },
        ...XS_BUNDLE_OPTIONS,
        outfile,
      });
      const run = spawnSync(ensureXsnap(() => undefined), [outfile], { encoding: 'utf8', timeout: 120_000 });
      equal(run.status, 0, run.stderr);
      const xs = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
      ok(node.bytes > 20000, `${node.bytes} bytes`);
      equal(xs.values, node.values);
      equal(xs.bytes, node.bytes);
      equal(xs.sha256, node.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
