// The CLI contract (tools/cli/exit.ts): exit codes and the error line format.
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { EXIT, IoError, UsageError, reportError } from '../../tools/cli/exit';
import { readBinaryInput } from '../../tools/cli/input';
import { deepEqual, equal, ok } from '../support/assert';
import { runCli } from '../support/cli';

describe('cli: contract', () => {
  it('help lists the commands and exits 0; no command is a usage error', () => {
    const help = runCli(['help']);
    equal(help.status, 0);
    ok(help.stdout.toString().includes('doctor'));
    equal(runCli([]).status, 2);
  });
  it('an unknown command or flag is exit 2', () => {
    equal(runCli(['no-such-command']).status, 2);
    equal(runCli(['doctor', '--no-such-flag']).status, 2);
  });
  it('doctor passes its self-test with the host CSPRNG', () => {
    const r = runCli(['doctor']);
    equal(r.status, 0, r.stderr);
    ok(/ok\s+ed25519/.test(r.stdout.toString()));
  });
  it('maps errors to exit codes and prints `error: CODE: message` for verdicts', () => {
    let err = '';
    equal(reportError(new TinydidError('bytes.bad-hex', 'odd length'), (t) => (err += t)), EXIT.verdict);
    equal(err, 'error: bytes.bad-hex: odd length\n');
    equal(reportError(new UsageError('x'), () => {}), EXIT.usage);
    equal(reportError(new IoError('x'), () => {}), EXIT.io);
  });
  it('reads binary inputs as raw bytes or as hex text', () => {
    deepEqual(readBinaryInput('test/fixtures/hex-input.txt'), Uint8Array.of(0xa1, 0x01, 0x02));
    let thrown: unknown;
    try {
      readBinaryInput('test/fixtures/does-not-exist.bin');
    } catch (e) {
      thrown = e;
    }
    ok(thrown instanceof IoError);
  });
});
