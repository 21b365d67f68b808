// What the device images leave out (issue 9, image size): the secure-element
// key store (the device opens its store in software only), the DID methods
// other than did:peer:2, and the @stablelib SHA-2 and random code (native
// Digest, Random seam). Checked on the import closure mcconfig compiles, for
// every product and target.
import { TARGETS } from '../../tools/firmware/closure';
import { PRODUCTS, productGraph } from '../../tools/firmware/modules';
import { equal, ok } from '../support/assert';
import { PROJECT_ROOT } from '../support/source-files';

const LEFT_OUT = [
  'firmware/keys/secure-element-key-store.ts',
  'firmware/keys/open-key-store.ts',
  'firmware/did/all-methods.ts',
  'firmware/did/did-key.ts',
  'node_modules/@stablelib/sha256/',
  'node_modules/@stablelib/sha512/',
  'node_modules/@stablelib/random/',
];

describe('device images: what they leave out', () => {
  for (const product of PRODUCTS) {
    it(`${product}: no secure-element key store, no did:key or did:peer:4 resolution, no @stablelib SHA-2 or random, on every target`, async () => {
      for (const target of TARGETS) {
        const files = [...(await productGraph(PROJECT_ROOT, product, target)).modules.values()];
        equal(files.filter((f) => LEFT_OUT.some((p) => f.startsWith(p))).join(', '), '', `${product} on ${target}`);
        // What they keep: the software key store and its opener, the resolver with did:peer:2.
        for (const kept of ['firmware/keys/key-store-profile.ts', 'firmware/keys/software-key-store.ts', 'firmware/did/resolver.ts', 'firmware/did/peer2.ts']) ok(files.includes(kept), `${product} on ${target}: ${kept}`);
      }
    });
  }
});
