// Signed readings: a device signs every reading it takes (COSE_Sign1 by its
// DID's authentication key, inside compact authcrypt to its controller),
// numbers it with a monotonic counter that survives power cuts, and links it
// to the previous one (hash chain). The phone checks the envelope, the
// signature, replays (firmware/didcomm ReplayCache in its KV) and the chain,
// and keeps the signed bytes so that anyone it later shows them to can check
// who measured what.
import { ReplayCache } from '../../firmware/didcomm/replay-cache';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { JsonObject } from '../../firmware/jose/json';
import { chainLink, messenger, type Outgoing } from './messaging';
import type { Peer, SimAgent } from './agent';

/**
 * One message type per data class (`https://tinydid.org/r/1.0/glucose`, ...).
 * The id is the device's reading sequence number (a monotonic counter that
 * survives power cuts), so it is unique per sender without random bytes.
 * Everything is kept short so that a signed glucose reading, inside
 * authcrypt, fits one 244-byte BLE notification.
 */
export const READING_TYPE_PREFIX = 'https://tinydid.org/r/1.0/';

export interface StoredReading {
  device: string;
  deviceDid: string;
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
  const body: JsonObject = { ...values };
  if (prev !== '') body.p = prev;
  const now = device.nowSeconds();
  const message: Outgoing = { id: String(seq), type: `${READING_TYPE_PREFIX}${kind}`, body, ...(now !== undefined ? { created_time: now } : {}) };
  // The chain links the signed inner message; Ed25519 is deterministic, so it is
  // byte for byte the one inside the envelope.
  device.kv.put(LAST_SIGNED, messenger.packSigned(device, message));
  return messenger.packSignedAuthcrypt(device, controller, message);
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
    const { message, sender, signed } = messenger.unpack(this.#phone, bytes);
    if (sender === undefined || signed === undefined) throw new TinydidError('didcomm.malformed', 'a reading must be signed by its device');
    if (!message.type.startsWith(READING_TYPE_PREFIX)) throw new TinydidError('didcomm.malformed', `expected a reading, got ${message.type}`);
    this.#replay.checkAndRecord(sender.did, message.id, message.created_time);
    const expected = chainLink(this.#phone.suite, this.#lastByDevice.get(sender.did));
    const prev = typeof message.body.p === 'string' ? message.body.p : '';
    if (prev !== expected) throw new TinydidError('didcomm.malformed', `hash chain broken: reading ${message.id} links ${prev || 'nothing'}, expected ${expected || 'nothing'}`);
    this.#lastByDevice.set(sender.did, signed);
    const stored: StoredReading = { device: sender.name, deviceDid: sender.did, seq: Number(message.id), kind: message.type.slice(READING_TYPE_PREFIX.length), body: message.body, signed, receivedAt: at };
    this.readings.push(stored);
    return stored;
  }
}
