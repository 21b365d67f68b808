// The device images, bundled as tools/firmware/footprint.ts measures them
// (the product's Moddable entry, the device substitutes, the SDK modules
// stood in), run on the real XS engine: each boots, is onboarded by the
// simulator's phone and sends one reading that the phone accepts (envelope,
// signature, chain). The heap figures of `npm run bench` come from this flow,
// so it must be the real protocol, not a shortcut.
import { ensureXsnap } from '../../tools/xs/build-xsnap';
import { FLOW_VALUE, flowScript } from '../../tools/firmware/footprint';
import { GLUCOSE, glucoseValues } from '../../firmware/apps/glucose-meter/boot';
import { GAIT, gaitValues } from '../../firmware/apps/insole/boot';
import { PRODUCTS } from '../../tools/firmware/modules';
import { deepEqual, equal, ok } from '../support/assert';

/** The insole image's foot without a `side` in its build config (hosts/moddable/main-insole.ts). */
const SIDE = 'left';

describe('device images on XS: boot, onboarding by the phone, one signed authcrypt reading', () => {
  for (const product of PRODUCTS) {
    it(`${product}: the phone accepts the onboarding response and the reading`, async () => {
      const { check } = await flowScript(ensureXsnap(() => {}), product);
      ok(check.did.startsWith('did:peer:2.'), `device DID ${check.did.slice(0, 20)}`);
      equal(check.reading.seq, 1);
      const value = FLOW_VALUE[product];
      equal(check.reading.kind, product === 'insole' ? GAIT : GLUCOSE);
      deepEqual(check.reading.body, product === 'insole' ? gaitValues(SIDE, value) : glucoseValues(value));
      ok(check.log.some((line) => line.includes('onboarded')), 'the device logged its onboarding');
      ok(check.readingBytes > 0 && check.responseBytes > 0, 'both messages carried bytes');
    });
  }
});
