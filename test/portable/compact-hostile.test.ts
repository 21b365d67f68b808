// Hostile input to compact unpack: changed bytes and truncations, spread over
// the whole of a good authcrypt and a good signed message, end in a
// TinydidError with a stable code, never another exception and never a message.
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import { xsTestRandom } from '../../hosts/xs/random';
import { equal, ok } from '../support/assert';
import { makeAgent, reading, resolverOf } from './compact-support';

const meter = makeAgent(61);
const phone = makeAgent(62);
const resolver = resolverOf(meter, phone);
const random = xsTestRandom(63);
const msg = reading(meter.did, phone.did);

function outcome(bytes: Uint8Array): string {
  try {
    unpackCompact(bytes, { suite: portableSuite, resolver, keys: phone.ring, now: 1763779300 });
    return 'accepted';
  } catch (error) {
    if (error instanceof TinydidError) return error.code;
    return `not a TinydidError: ${String(error)}`;
  }
}

describe('compact envelopes: hostile bytes', () => {
  for (const mode of ['authcrypt', 'signed'] as const) {
    it(`${mode}: a changed byte at every seventh position is refused with a code`, () => {
      const good = packCompact(msg, { suite: portableSuite, mode, resolver, keys: meter.ring, random }).bytes;
      equal(outcome(good), 'accepted');
      const codes = new Set<string>();
      for (let i = 0; i < good.length; i += 7) {
        const bad = good.slice();
        bad[i] ^= 0x41;
        const o = outcome(bad);
        ok(o !== 'accepted' && !o.startsWith('not a'), `byte ${i}: ${o}`);
        codes.add(o);
      }
      ok(codes.size >= 3, [...codes].join(', '));
    });
    it(`${mode}: a truncation at every third length is refused with a code`, () => {
      const good = packCompact(msg, { suite: portableSuite, mode, resolver, keys: meter.ring, random }).bytes;
      for (let n = 0; n < good.length; n += 3) {
        const o = outcome(good.subarray(0, n));
        ok(o !== 'accepted' && !o.startsWith('not a'), `length ${n}: ${o}`);
      }
    });
  }
});
