// Signed readings: a device signs every reading it takes (COSE_Sign1 with its
// DID's authentication key), numbers it with a monotonic counter that
// survives power cuts, links it to the previous one (hash chain), and sends
// it to its controller encrypted (compact authcrypt). The phone checks the
// envelope, the signature, replays (firmware/didcomm ReplayCache in its KV)
// and the chain, and keeps the signed bytes so that anyone it later shows
// them to can check who measured what.
import { ReplayCache } from '../../firmware/didcomm/replay-cache';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { JsonObject } from '../../firmware/jose/json';
import { authcrypt, chainLink, compactMessenger, decodeMessage, encodeMessage, sign1, verifySign1 } from '../interim/compact';
import type { Peer, SimAgent } from './agent';

export const READING_TYPE = 'https://tinydid.org/reading/1.0/reading';

export interface StoredReading {
  device: string;
  seq: number;
  /** Data class: glucose, location, gait. */
  kind: string;
  body: JsonObject;
  /** The device's COSE_Sign1 as received. */
  signed: Uint8Array;
  receivedAt: number;
}

const LAST_SIGNED = 'app/last-reading';

/** Device side: the next reading as a packed message for `controller`. */
export function packReading(device: SimAgent, controller: Peer, kind: string, values: JsonObject): Uint8Array {
  const seq = device.store.monotonic().increment('reading.seq');
  const prev = chainLink(device.suite, device.kv.get(LAST_SIGNED));
  const body: JsonObject = { k: kind, n: seq, ...values };
  if (prev !== '') body.p = prev;
  const now = device.nowSeconds();
  const message = { id: device.newId().slice(0, 8), type: READING_TYPE, created_time: now, body };
  // Signed, then encrypted to the controller; the signed inner message is what the chain links.
  const signed = sign1(device, encodeMessage(message));
  device.kv.put(LAST_SIGNED, signed);
  return authcrypt(device, controller, signed);
}

/** The phone's reading inbox: verifies, rejects replays and broken chains, stores. */
export class ReadingInbox {
  readonly readings: StoredReading[] = [];
  readonly #phone: SimAgent;
  readonly #replay: ReplayCache;
  readonly #lastByDevice = new Map<string, Uint8Array>();

  constructor(phone: SimAgent) {
    this.#phone = phone;
    this.#replay = new ReplayCache(phone.kv, phone.suite, { record: 'didcomm/replay' });
  }

  /** Accepts a packed reading or throws the verdict as a TinydidError. */
  receive(bytes: Uint8Array, at: number): StoredReading {
    const { message, sender, signed } = compactMessenger.unpack(this.#phone, bytes);
    if (sender === undefined || signed === undefined) throw new TinydidError('didcomm.malformed', 'a reading must be signed by its device');
    if (message.type !== READING_TYPE) throw new TinydidError('didcomm.malformed', `expected a reading, got ${message.type}`);
    this.#replay.checkAndRecord(sender.did, message.id, message.created_time);
    const expected = chainLink(this.#phone.suite, this.#lastByDevice.get(sender.did));
    const prev = typeof message.body.p === 'string' ? message.body.p : '';
    if (prev !== expected) throw new TinydidError('didcomm.malformed', `hash chain broken: reading ${String(message.body.n)} links ${prev || 'nothing'}, expected ${expected || 'nothing'}`);
    this.#lastByDevice.set(sender.did, signed);
    const stored: StoredReading = { device: sender.name, seq: Number(message.body.n), kind: String(message.body.k), body: message.body, signed, receivedAt: at };
    this.readings.push(stored);
    return stored;
  }
}

/** A verifier's check of a stored reading: the device signature over it, by the device's DID. */
export function verifyStoredReading(verifier: SimAgent, reading: StoredReading, device: Peer): JsonObject {
  const { payload } = verifySign1(reading.signed, (kid) => (kid === device.signKid ? device : undefined), verifier.suite);
  return decodeMessage(payload).body;
}
