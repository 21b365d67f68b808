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
import { READING_TYPE_PREFIX, packSignedReading, readingChainLink as chainLink, signedReadingContent, type ReadingDevice } from '../../firmware/apps/readings/signed-reading';
import { messenger } from './messaging';
import type { Peer, SimAgent } from './agent';

export { READING_TYPE_PREFIX };

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

/** Device side: the device's own code (firmware/apps/readings) with the simulated device's seams. */
export function packReading(device: SimAgent, controller: Peer, kind: string, values: JsonObject): Uint8Array {
  const seams: ReadingDevice = { did: device.did, signingKid: device.authenticationKid, keys: device.keyRing, resolver: device.resolver, kv: device.kv, monotonic: device.store.monotonic(), suite: device.suite, random: device.random, clock: device.clock };
  return packSignedReading(seams, controller.did, kind, values).packed;
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
    this.#lastByDevice.set(sender.did, signedReadingContent(signed));
    const stored: StoredReading = { device: sender.name, deviceDid: sender.did, seq: Number(message.id), kind: message.type.slice(READING_TYPE_PREFIX.length), body: message.body, signed, receivedAt: at };
    this.readings.push(stored);
    return stored;
  }
}
