// Readings as the device sends and logs them (firmware/apps/readings):
// - to the controller: signed (COSE_Sign1 by the authentication key) then
//   authcrypted, numbered by the monotonic value `reading.seq`, hash-chained
//   (packSignedReading); before onboarding there is no one to encrypt to;
// - for a log, before a controller exists: the signed compact form alone
//   (PROFILE.md section 3, COSE_Sign1 of the plaintext), with a random id. It
//   is neither numbered nor chained, so the controller's chain starts with the
//   first reading it receives.
import type { CryptoSuite } from '../../crypto/suite';
import type { DidResolver } from '../../did/resolver';
import { LocalResolver } from '../../did/resolver';
import { DEVICE_DID_METHODS } from './did';
import type { DidDocument } from '../../did/document';
import { sameDid } from '../../didcomm/checks';
import { packCompact } from '../../didcomm/compact/pack';
import { unpackCompact } from '../../didcomm/compact/unpack';
import type { KeyRing } from '../../didcomm/key-ring';
import type { Message } from '../../didcomm/message';
import { newMessageId } from '../../didcomm/protocols/ids';
import { TinydidError } from '../../errors/tinydid-error';
import type { Clock } from '../../host/clock';
import type { Random } from '../../host/random';
import type { JsonObject } from '../../jose/json';
import { READING_TYPE_PREFIX } from '../readings/signed-reading';

export interface LoggedReadingSigner {
  did: string;
  signingKid: string;
  keys: KeyRing;
  resolver: DidResolver;
  suite: CryptoSuite;
  random: Random;
  clock: Clock;
}

/** The reading of `dataClass` signed by the device, not encrypted (compact signed form). */
export function signedLogReading(device: LoggedReadingSigner, dataClass: string, values: JsonObject): Uint8Array {
  const message: Message = { id: newMessageId(device.random), type: `${READING_TYPE_PREFIX}${dataClass}`, from: device.did, body: { ...values } };
  const wall = device.clock.wallTimeMs();
  if (wall !== undefined) message.created_time = Math.floor(wall / 1000);
  return packCompact(message, { mode: 'signed', resolver: device.resolver, keys: device.keys, suite: device.suite, signBy: device.signingKid }).bytes;
}

/**
 * Checks a signed reading with the firmware's own compact unpacker against
 * the device's document only: the signature must be by an authentication key
 * of `device` (didcomm.sender-mismatch, cose.bad-signature, didcomm.unknown-kid
 * otherwise). Returns the reading and the key that signed it.
 */
export function verifySignedReading(signed: Uint8Array, device: DidDocument, suite: CryptoSuite): { message: Message; signer: string } {
  const resolver = new LocalResolver({ suite, documents: [device], methods: DEVICE_DID_METHODS });
  const { message, metadata } = unpackCompact(signed, { resolver, peers: [device], suite, allowUnknownTime: true });
  if (!metadata.non_repudiation || metadata.sign_from === undefined) throw new TinydidError('didcomm.malformed', 'not a signed reading');
  // A full key id names any did:peer:2, which resolves by itself: the signer must be this device.
  if (message.from === undefined || !sameDid(message.from, device.id)) throw new TinydidError('didcomm.sender-mismatch', 'the reading is signed by another DID than this device');
  if (!message.type.startsWith(READING_TYPE_PREFIX)) throw new TinydidError('didcomm.malformed', `expected a reading, got ${message.type.slice(0, 80)}`);
  return { message, signer: metadata.sign_from };
}
