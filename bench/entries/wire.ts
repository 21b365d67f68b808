// Issue "npm run bench" item 2: bytes on the wire for the glucose reading as
// plaintext, signed, anoncrypt and authcrypt, in tinydid's compact profile and
// JSON profile, and in didcomm-node's JSON for the same plaintext.
import { readingPair } from '../../firmware/didcomm/reading-pair';
import { readingSizes } from '../../firmware/didcomm/compact/sizes';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { nodeRandom } from '../../hosts/node/random';
import type { BenchOptions, BenchRow } from '../types';
import { reference } from './didcomm-reference';

const COMPACT_AUTHCRYPT_LIMIT = 244; // one BLE 5 packet (ATT payload of a 251-byte LL PDU)

export async function run(_options: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const pair = readingPair({ suite: nodeSuite, random: nodeRandom });
  const ref = reference(pair);
  const refSizes: Record<string, number> = {
    plaintext: (await ref.packPlaintext(pair.message)).length,
    signed: (await ref.packSigned(pair.message)).length,
    anoncrypt: (await ref.packAnoncrypt(pair.message)).length,
    authcrypt: (await ref.packAuthcrypt(pair.message)).length,
  };
  for (const row of readingSizes({ suite: nodeSuite, random: nodeRandom })) {
    const refSize = refSizes[row.form];
    const isAuth = row.form === 'authcrypt';
    rows.push({
      group: 'wire size',
      name: `reading ${row.form}: compact`,
      value: row.compact,
      unit: 'B',
      baseline: refSize !== undefined ? 'didcomm-node JSON' : 'tinydid JSON',
      baselineValue: refSize ?? row.json,
      ratio: row.compact / (refSize ?? row.json),
      target: isAuth ? `<= ${COMPACT_AUTHCRYPT_LIMIT} B` : undefined,
      met: isAuth ? row.compact <= COMPACT_AUTHCRYPT_LIMIT : undefined,
    });
    rows.push({
      group: 'wire size',
      name: `reading ${row.form}: tinydid JSON`,
      value: row.json,
      unit: 'B',
      baseline: refSize !== undefined ? 'didcomm-node JSON' : undefined,
      baselineValue: refSize,
      ratio: refSize !== undefined ? row.json / refSize : undefined,
    });
  }
  return rows;
}
