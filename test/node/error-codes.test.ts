// DESIGN section 7 point 3: one TinydidError with codes from a fixed list; this
// keeps the list honest both ways.
import { ERROR_CODES } from '../../firmware/errors/codes';
import { equal } from '../support/assert';
import { readSource, sourceFiles } from '../support/source-files';

describe('error codes: the documented list matches the code', () => {
  const used = new Set<string>();
  for (const file of sourceFiles('firmware', { declarations: false })) {
    for (const m of readSource(file).matchAll(/TinydidError\(\s*'([a-z0-9.-]+)'/g)) used.add(m[1]);
  }
  it('every code thrown in firmware/ is listed in firmware/errors/codes.ts', () => {
    equal([...used].filter((c) => !(c in ERROR_CODES)).join(', '), '');
  });
  it('every listed code is thrown somewhere in firmware/', () => {
    equal(Object.keys(ERROR_CODES).filter((c) => !used.has(c)).join(', '), '');
  });
});
