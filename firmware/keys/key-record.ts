import { utf8Decode, utf8Encode } from '../bytes/utf8';
import { TinydidError } from '../errors/tinydid-error';
import { ALGORITHM_CODES, TYPE_CODES, USAGE_CODES, permittedAlgorithm } from './attributes';
import type { KeyInfo } from './key-store';
import { PRIVATE_KEY_LENGTH } from './key-material';
import { RecordReader, RecordWriter } from './record-bytes';
import { openRecord, sealRecord, type SealContext } from './sealed-record';

// Header of a stored key (bound as AAD, see sealed-record.ts):
//   type u8 | usage u8 | algorithm u8 | origin u8 (0 generated, 1 imported) |
//   location u8 (0 software, 1 hardware) | flags u8 (bit 0: slot locked) |
//   label (u8 length + UTF-8) | public key (u8 length + bytes)
// The sealed secret is the 32-byte private key.

export interface StoredKey {
  info: KeyInfo;
  locked: boolean;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export function encodeKeyRecord(ctx: SealContext, name: string, key: StoredKey): Uint8Array {
  const { info } = key;
  const header = new RecordWriter()
    .u8(TYPE_CODES.indexOf(info.type))
    .u8(USAGE_CODES.indexOf(info.usage))
    .u8(ALGORITHM_CODES.indexOf(info.algorithm))
    .u8(info.origin === 'imported' ? 1 : 0)
    .u8(info.location === 'hardware' ? 1 : 0)
    .u8(key.locked ? 1 : 0)
    .bytes8(utf8Encode(info.label ?? ''))
    .bytes8(key.publicKey)
    .finish();
  return sealRecord(ctx, name, header, key.privateKey);
}

/** Opens and checks a stored key; `keys.tampered` for anything that does not authenticate or make sense. */
export function decodeKeyRecord(ctx: SealContext, name: string, id: string, record: Uint8Array): StoredKey {
  const { header, secret } = openRecord(ctx, name, record);
  const r = new RecordReader(header);
  const type = TYPE_CODES[r.u8()];
  const usage = USAGE_CODES[r.u8()];
  const algorithm = ALGORITHM_CODES[r.u8()];
  const origin = r.u8();
  const location = r.u8();
  const flags = r.u8();
  const label = r.bytes8();
  const publicKey = r.bytes8();
  r.end();
  if (type === undefined || usage === undefined || algorithm === undefined || permittedAlgorithm(type, usage) !== algorithm || origin > 1 || location > 1 || flags > 1 || secret.length !== PRIVATE_KEY_LENGTH) {
    throw new TinydidError('keys.tampered', `record ${name} authenticates but does not describe a valid key`);
  }
  const info: KeyInfo = { id, type, usage, algorithm, persistence: 'persistent', origin: origin === 1 ? 'imported' : 'generated', location: location === 1 ? 'hardware' : 'software' };
  if (label.length > 0) info.label = utf8Decode(label);
  return { info, locked: flags === 1, publicKey, privateKey: secret };
}
