import { ERROR_CODES, isErrorCode } from '../../firmware/errors/codes';
import { TinydidError, isTinydidError } from '../../firmware/errors/tinydid-error';
import { equal, ok } from '../support/assert';

describe('errors: TinydidError', () => {
  it('carries a stable code, a message, a cause and is an Error', () => {
    const cause = new Error('inner');
    const e = new TinydidError('bytes.bad-hex', 'odd length', { cause });
    ok(e instanceof Error);
    ok(e instanceof TinydidError);
    equal(e.name, 'TinydidError');
    equal(e.code, 'bytes.bad-hex');
    equal(e.message, 'odd length');
    equal((e as { cause?: unknown }).cause, cause);
    ok(isTinydidError(e, 'bytes.bad-hex'));
    equal(isTinydidError(e, 'bytes.bad-utf8'), false);
    equal(isTinydidError(cause), false);
  });
  it('uses the code as the message when none is given', () => {
    equal(new TinydidError('bytes.bad-utf8').message, 'bytes.bad-utf8');
  });
  it('lists only well-formed codes, each with a description', () => {
    const codes = Object.keys(ERROR_CODES);
    ok(codes.length > 0);
    for (const code of codes) {
      ok(/^[a-z0-9]+\.[a-z0-9-]+$/.test(code), `code ${code} is area.reason`);
      ok((ERROR_CODES as Record<string, string>)[code].length > 10, `code ${code} is described`);
      ok(isErrorCode(code));
    }
    equal(isErrorCode('bytes.nope'), false);
    equal(isErrorCode('toString'), false);
  });
  it('the list is frozen', () => {
    ok(Object.isFrozen(ERROR_CODES));
  });
});
