// `tinydid inspect [FILE]`: CBOR diagnostic notation (RFC 8949 section 8) of one
// data item read from FILE or stdin, as binary or hex text; COSE and CWT
// structures are named by their tag in RFC 8610 comments (/ COSE_Sign1 /).
import { diagnose } from '../../../firmware/cbor/diagnostic';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit';
import { readBinaryInput } from '../input';

export const command: Command = {
  name: 'inspect',
  summary: 'print CBOR (COSE, CWT, SUIT) as diagnostic notation',
  usage: [
    'usage: tinydid inspect [--flat] [--no-embedded] [FILE]',
    '',
    'Reads one CBOR data item from FILE or stdin (binary, or the same bytes as hex',
    'text) and prints its diagnostic notation (RFC 8949 section 8). Byte strings',
    'holding one encoded array, map or tag are shown as <<...>> (RFC 8610 G.3);',
    'COSE, CWT and SUIT tags are named in comments: 18(/ COSE_Sign1 / [...]).',
    '',
    '  --flat         one line instead of indented output',
    '  --no-embedded  always print byte strings as h\'..\'',
    '',
    'Exit 0 when printed; 1 (error: cbor.CODE) when the bytes are not one',
    'well-formed item in deterministic encoding; 3 when FILE cannot be read.',
  ].join('\n'),
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      flat: { type: 'boolean' },
      'no-embedded': { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError('inspect takes at most one FILE');
    const bytes = readBinaryInput(positionals[0]);
    io.stdout(`${diagnose(bytes, { pretty: values.flat !== true, embedded: values['no-embedded'] !== true })}\n`);
    return EXIT.ok;
  },
};
