// A device's signed reading as a DIDComm message on its BLE link, portable
// (the glucose meter and the insoles; the simulator runs this same code):
// the reading is signed with the device's DID authentication key (COSE_Sign1,
// non-repudiable: anyone the phone later shows it to can check it) and
// encrypted to the controller (compact authcrypt, firmware/didcomm/compact).
// README.md gives the format and why it fits one BLE packet.
import { toBase64url } from '../../bytes/base64url';
import type { CryptoSuite } from '../../crypto/suite';
import type { DidResolver } from '../../did/resolver';
import { parseSign1 } from '../../cose/sign1';
import { packCompact } from '../../didcomm/compact/pack';
import { encodeCompactPlaintext } from '../../didcomm/compact/plaintext';
import { checkMessage, messageHeaders } from '../../didcomm/validate';
import { TinydidError } from '../../errors/tinydid-error';
import type { KeyRing } from '../../didcomm/key-ring';
import type { Message } from '../../didcomm/message';
import type { Clock } from '../../host/clock';
import type { Random } from '../../host/random';
import type { JsonObject } from '../../jose/json';
import type { MonotonicValues } from '../../keys/monotonic';
import type { KvStore } from '../../storage/kv';

/** One message type per data class: `https://tinydid.org/r/1.0/glucose`, `.../location`. */
export const READING_TYPE_PREFIX = 'https://tinydid.org/r/1.0/';
/** The monotonic value that numbers readings (survives power cuts). */
export const READING_SEQUENCE = 'reading.seq';
/** KV record holding the signed content of the last reading (the chain links it). */
export const LAST_READING_RECORD = 'app/last-reading';
/** Bytes of SHA-256 kept in the chain link. */
export const CHAIN_LINK_BYTES = 6;

/** What a device needs to sign and send readings. */
export interface ReadingDevice {
  did: string;
  /** DID URL of the authentication key that signs readings. */
  signingKid: string;
  keys: KeyRing;
  /** Knows the controller's DID document. */
  resolver: DidResolver;
  kv: KvStore;
  monotonic: MonotonicValues;
  suite: CryptoSuite;
  random: Random;
  clock: Clock;
}

/**
 * The chain link to a previous reading: SHA-256 of its signed content (the
 * COSE_Sign1 payload, the reading's deterministic CBOR plaintext), first 6
 * bytes, base64url. It shows a missing or reordered reading; the signatures,
 * not the link, stop forgery. Linking the content rather than the signature
 * bytes keeps the device to one signature per reading, also with ECDSA
 * (ES256 on a secure element), whose signatures differ each time.
 */
export function readingChainLink(suite: CryptoSuite, previousContent: Uint8Array | undefined): string {
  return previousContent === undefined ? '' : toBase64url(suite.sha256(previousContent).subarray(0, CHAIN_LINK_BYTES));
}

/** The signed content of a received reading (its COSE_Sign1 payload), for the next link. */
export function signedReadingContent(signed: Uint8Array): Uint8Array {
  const payload = parseSign1(signed, { requireTag: true }).payload;
  if (payload === null) throw new TinydidError('didcomm.malformed', 'a signed reading carries its payload');
  return payload;
}

/**
 * The next reading of `dataClass` for `controllerDid`, packed: id = the
 * reading's sequence number, body = `values` plus `p` (the chain link),
 * created_time when the device knows the time. The signed message leaves `to`
 * to the envelope. One signature per reading.
 */
export function packSignedReading(device: ReadingDevice, controllerDid: string, dataClass: string, values: JsonObject): { packed: Uint8Array; seq: number } {
  const seq = device.monotonic.increment(READING_SEQUENCE);
  const prev = readingChainLink(device.suite, device.kv.get(LAST_READING_RECORD));
  const body: JsonObject = { ...values };
  if (prev !== '') body.p = prev;
  const wall = device.clock.wallTimeMs();
  const message: Message = { id: String(seq), type: `${READING_TYPE_PREFIX}${dataClass}`, from: device.did, body };
  if (wall !== undefined) message.created_time = Math.floor(wall / 1000);
  const packed = packCompact(message, { mode: 'authcrypt', to: [controllerDid], resolver: device.resolver, keys: device.keys, random: device.random, suite: device.suite, signBy: device.signingKid }).bytes;
  // What the signature covers: the plaintext with `from` implied by the signer (PROFILE.md section 2.2).
  device.kv.put(LAST_READING_RECORD, encodeCompactPlaintext(checkMessage(messageHeaders(message)), { from: device.did }));
  return { packed, seq };
}
