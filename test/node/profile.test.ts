// firmware/didcomm/PROFILE.md's worked example, checked: the DIDs, the message,
// the compact plaintext and the authcrypt (diagnostic notation and hex) are what
// the implementation produces from the example's keys, nonce and IV, and the
// phone unpacks the authcrypt to the message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { encodeKdfContext } from '../../firmware/cose/kdf-context';
import { shortKid } from '../../firmware/didcomm/compact/key-id';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { encodeCompactPlaintext } from '../../firmware/didcomm/compact/plaintext';
import { readingSizes } from '../../firmware/didcomm/compact/sizes';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import { messageFromJson } from '../../firmware/didcomm/message-json';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { xsTestRandom } from '../../hosts/xs/random';
import { coseDiag, diag, EXAMPLE_KEYS, EXAMPLE_RANDOM, importedAgent, reading, resolverOf, scriptedRandom } from '../portable/compact-support';
import { deepEqual, equal, ok } from '../support/assert';
import { PROJECT_ROOT } from '../support/source-files';

const PROFILE = readFileSync(join(PROJECT_ROOT, 'firmware/didcomm/PROFILE.md'), 'utf8');

/** The fenced block whose info string is `<lang> <name>`. */
function block(lang: string, name: string): string {
  const m = new RegExp('```' + lang + ' ' + name + '\\n([\\s\\S]*?)\\n```').exec(PROFILE);
  if (m === null) throw new Error(`PROFILE.md has no ${lang} ${name} block`);
  return m[1];
}
const hexBlock = (name: string): Uint8Array => fromHex(block('hex', name).replace(/\s+/g, ''));

const meter = importedAgent(EXAMPLE_KEYS.meterEd25519, EXAMPLE_KEYS.meterX25519);
const phone = importedAgent(EXAMPLE_KEYS.phoneEd25519, EXAMPLE_KEYS.phoneX25519);
const resolver = resolverOf(meter, phone);

describe('PROFILE.md worked example', () => {
  it('the DIDs are the did:peer:2 of the published keys', () => {
    deepEqual(block('text', 'example-dids').split('\n'), [meter.did, phone.did]);
  });
  it('the message is the reading between them', () => {
    deepEqual(messageFromJson(JSON.parse(block('json', 'example-message'))), reading(meter.did, phone.did));
  });
  it('the short key ids', () => {
    ok(PROFILE.includes(`meter \`#key-2\` is \`${toHex(shortKid(`${meter.did}#key-2`, portableSuite))}\``));
    ok(PROFILE.includes(`phone \`#key-2\` is \`${toHex(shortKid(`${phone.did}#key-2`, portableSuite))}\``));
  });
  it('the compact plaintext, from and to implied: hex and diagnostic notation', () => {
    const bytes = encodeCompactPlaintext(reading(meter.did, phone.did), { from: meter.did, to: phone.did });
    deepEqual(hexBlock('example-plaintext'), bytes);
    equal(block('cbor-diag', 'example-plaintext'), diag(decodeCbor(bytes)));
    ok(PROFILE.includes(`(${bytes.length} bytes)`));
  });
  it('the authcrypt is what pack makes from the example nonce and IV, and unpacks to the message', () => {
    const packed = packCompact(reading(meter.did, phone.did), { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random: scriptedRandom(EXAMPLE_RANDOM) });
    deepEqual(hexBlock('example-authcrypt'), packed.bytes);
    equal(block('cbor-diag', 'example-authcrypt'), coseDiag(packed.bytes));
    ok(PROFILE.includes(`${packed.bytes.length} bytes.`));
    ok(packed.bytes.length <= 244);
    const { message, metadata } = unpackCompact(hexBlock('example-authcrypt'), { resolver, keys: phone.ring, now: 1763779260, suite: nodeSuite });
    deepEqual(message, reading(meter.did, phone.did));
    equal(metadata.encrypted_from_kid, `${meter.did}#key-2`);
  });
  it('the KDF context and the Enc_structure', () => {
    const prot = fromHex('a201381a22' + '48' + toHex(shortKid(`${meter.did}#key-2`, portableSuite)));
    const kdf = encodeKdfContext({ algorithmId: 24, partyU: { nonce: fromHex(EXAMPLE_RANDOM[16]) }, keyLength: 32, protected: prot });
    equal(block('cbor-diag', 'example-kdf-context'), diag(decodeCbor(kdf)));
    equal(block('cbor-diag', 'example-enc-structure'), diag(decodeCbor(encodeCbor(['Encrypt', fromHex('a1011818'), new Uint8Array(0)]))));
    ok(block('cbor-diag', 'example-authcrypt').includes(`<< {1: -27, -3: h'${toHex(prot.subarray(6))}'} >>`));
  });
  it('the size table is what readingSizes measures', () => {
    for (const row of readingSizes({ suite: portableSuite, random: xsTestRandom(1) })) {
      ok(PROFILE.includes(`| ${row.form} | ${row.compact} | ${row.json} |`), `${row.form}: ${row.compact} / ${row.json}`);
      if (row.form === 'authcrypt') ok(PROFILE.includes(`takes ${row.json}\nbytes as JSON`) && PROFILE.includes(`reading then takes ${row.compact} bytes`), 'the introduction quotes the table');
    }
  });
});
