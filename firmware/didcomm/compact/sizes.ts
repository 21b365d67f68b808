/**
 * Bytes on the wire for the glucose reading of issue "DIDComm agent core"
 * (PROFILE.md section 7): each protection in the compact profile against
 * standard JSON DIDComm, between two software agents that know each other's
 * documents. For `npm run bench` and the profile's size table; the same
 * library paths the CLI uses (the codec registry).
 */
import { toBase64url } from '../../bytes/base64url';
import type { CryptoSuite } from '../../crypto/suite';
import { keyStoreSigner } from '../../credentials/keys';
import { encodeReadingPayload, READING_HASH_LENGTH } from '../../credentials/reading';
import { createSign1 as createCredentialSign1 } from '../../credentials/sign1';
import { TinydidError } from '../../errors/tinydid-error';
import type { Random } from '../../host/random';
import { codecFor } from '../codecs';
import type { Message } from '../message';
import { readingPair, type ReadingPair } from '../reading-pair';
import type { Encoding, PackOptions } from '../types';

export interface SizeRow {
  /** What was packed, e.g. 'authcrypt' or 'authcrypt, signed reading attached'. */
  form: string;
  compact: number;
  json: number;
}

/** The reading whose body is a signed reading (issue "Consent and provenance"), attached as bytes. */
export function signedReadingMessage(pair: ReadingPair): { message: Message; signedReading: Uint8Array } {
  const kid = pair.meter.didDocument.authentication[0];
  const keyId = pair.meterKeys.keyId(kid, 'sign');
  if (keyId === undefined) throw new TinydidError('didcomm.no-key', 'the meter holds no signing key');
  // seq 123 of a chain: prev is the 16-byte hash of reading 122; the unit of glucose is mg/dL.
  const payload = encodeReadingPayload({ seq: 123, time: 1763779200, dataClass: 'glucose', value: 104, prev: new Uint8Array(READING_HASH_LENGTH).fill(0xab) });
  const signedReading = createCredentialSign1(keyStoreSigner(pair.meterKeys.store, keyId, kid), payload);
  const message: Message = {
    id: 'r-000123',
    type: 'https://example.org/glucose/1.0/signed-reading',
    from: pair.message.from,
    to: pair.message.to,
    created_time: 1763779200,
    body: {},
    attachments: [{ media_type: 'application/cose', data: { base64: toBase64url(signedReading) } }],
  };
  return { message, signedReading };
}

function size(pair: ReadingPair, message: Message, encoding: Encoding, extra: Partial<PackOptions> & Pick<PackOptions, 'mode'>): number {
  return codecFor(encoding).pack(message, { resolver: pair.resolver, keys: pair.meterKeys, random: pair.random, suite: pair.suite, ...extra }).bytes.length;
}

/**
 * The reading as plaintext, signed, anoncrypt, authcrypt, authcrypt with
 * protect_sender, signed inside authcrypt, and with a signed reading attached
 * inside authcrypt; compact and JSON sizes of each (JSON anoncrypt: XC20P).
 */
export function readingSizes(options: { suite: CryptoSuite; random: Random; curve?: '25519' | 'p256'; method?: 'peer2' | 'peer4' }): SizeRow[] {
  const pair = readingPair(options);
  const m = pair.message;
  const signedBody = signedReadingMessage(pair).message;
  const forms: Array<[string, Message, Partial<PackOptions> & Pick<PackOptions, 'mode'>]> = [
    ['plaintext', m, { mode: 'plain' }],
    ['signed', m, { mode: 'signed' }],
    ['anoncrypt', m, { mode: 'anoncrypt' }],
    ['authcrypt', m, { mode: 'authcrypt' }],
    ['authcrypt + protect_sender', m, { mode: 'authcrypt', protectSender: true }],
    ['signed inside authcrypt', m, { mode: 'authcrypt', signBy: m.from }],
    ['authcrypt, signed reading attached', signedBody, { mode: 'authcrypt' }],
  ];
  return forms.map(([form, message, extra]) => ({ form, compact: size(pair, message, 'cbor', extra), json: size(pair, message, 'json', extra) }));
}
