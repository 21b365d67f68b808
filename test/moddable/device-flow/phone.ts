// The phone of the device-flow test app, built only from firmware/ modules so
// that it runs inside the device image on the Moddable runtime: a software key
// store over an in-memory KV, a did:peer:2 (V = Ed25519, E = X25519), and the
// onboarding protocol and compact DIDComm the simulator's phone uses on Node
// (simulator/agents/onboarding.ts, readings.ts). The host hands it its seams
// (random, suite, clock). No module state: everything lives in a Phone
// instance, so the module is preloaded (manifest.json).
import { fromBase64url } from '../../../firmware/bytes/base64url';
import type { CryptoSuite } from '../../../firmware/crypto/suite';
import { createPeer2 } from '../../../firmware/did/peer2';
import { LocalResolver } from '../../../firmware/did/resolver';
import { packCompact } from '../../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../../firmware/didcomm/compact/unpack';
import { MapKeyRing } from '../../../firmware/didcomm/key-ring';
import type { Message } from '../../../firmware/didcomm/message';
import { ConnectionStore } from '../../../firmware/didcomm/protocols/connections';
import { acceptOnboardingResponse, onboardingRequest, scanInvitation } from '../../../firmware/didcomm/protocols/onboarding';
import { TinydidError } from '../../../firmware/errors/tinydid-error';
import type { Clock } from '../../../firmware/host/clock';
import type { Random } from '../../../firmware/host/random';
import { defaultAttributes } from '../../../firmware/keys/attributes';
import { SoftwareKeyStore } from '../../../firmware/keys/software-key-store';
import { MemoryKv } from '../../../firmware/storage/memory-kv';

export interface PhoneSeams {
  random: Random;
  suite: CryptoSuite;
  clock: Clock;
}

/** A reading the phone accepted: authcrypted by the device, signed by its authentication key. */
export interface CheckedReading {
  seq: number;
  /** Message type after `https://tinydid.org/r/1.0/` (the data class). */
  kind: string;
  body: Message['body'];
  /** The DID URL of the key that signed it. */
  signer: string;
}

const READING_TYPE_PREFIX = 'https://tinydid.org/r/1.0/';

function refuse(why: string): never {
  throw new TinydidError('didcomm.malformed', why);
}

export class Phone {
  readonly did: string;
  readonly #seams: PhoneSeams;
  readonly #kv = new MemoryKv();
  readonly #resolver: LocalResolver;
  readonly #keys: MapKeyRing;
  #device: string | undefined;
  #request: Message | undefined;

  /** A phone with fresh keys (Ed25519 signing, X25519 agreement) and its did:peer:2. */
  constructor(seams: PhoneSeams, endpoint = 'ble:phone') {
    this.#seams = seams;
    const { random, suite } = seams;
    const store = new SoftwareKeyStore({ kv: this.#kv, rootKey: random.fill(new Uint8Array(32)), random, suite });
    const signId = store.generate(defaultAttributes('ed25519', 'sign', 'did-authentication'));
    const agreeId = store.generate(defaultAttributes('x25519', 'derive', 'did-key-agreement'));
    this.did = createPeer2([
      { purpose: 'V', key: { crv: 'Ed25519', bytes: store.exportPublic(signId) } },
      { purpose: 'E', key: { crv: 'X25519', bytes: store.exportPublic(agreeId) } },
    ], [{ uri: endpoint, accept: ['didcomm/v2'] }]);
    this.#resolver = new LocalResolver({ suite });
    const doc = this.#resolver.add(this.#resolver.resolve(this.did));
    this.#keys = new MapKeyRing(store)
      .add(doc.authentication?.[0] ?? `${this.did}#key-1`, 'sign', signId)
      .add(doc.keyAgreement?.[0] ?? `${this.did}#key-2`, 'derive', agreeId);
  }

  /** The device this phone scanned, once it has. */
  get device(): string | undefined {
    return this.#device;
  }

  #now(): number | undefined {
    const ms = this.#seams.clock.wallTimeMs();
    return ms === undefined ? undefined : Math.floor(ms / 1000);
  }

  #unpack(bytes: Uint8Array): ReturnType<typeof unpackCompact> {
    const { suite, clock } = this.#seams;
    return unpackCompact(bytes, { resolver: this.#resolver, keys: this.#keys, suite, clock, allowUnknownTime: true });
  }

  /**
   * Scans the device's label (QR text) and returns the onboarding request,
   * authcrypted to the device with full key ids (the device does not know
   * this phone yet) and carrying the pairing proof.
   */
  scan(label: string, name = 'phone'): Uint8Array {
    const { random, suite } = this.#seams;
    const scanned = scanInvitation(label);
    this.#device = scanned.deviceDid;
    // A known document: the device's short key ids now resolve (compact profile).
    this.#resolver.add(this.#resolver.resolve(scanned.deviceDid));
    this.#request = onboardingRequest(scanned, this.did, suite, random, name);
    return packCompact(this.#request, { mode: 'authcrypt', resolver: this.#resolver, keys: this.#keys, random, suite, kidForm: 'full' }).bytes;
  }

  /** Checks the device's onboarding response and keeps the device as a connection. */
  accept(response: Uint8Array, label = 'glucose meter'): void {
    if (this.#request === undefined) throw new TinydidError('protocol.unexpected', 'no onboarding request was sent');
    const { message, metadata } = this.#unpack(response);
    acceptOnboardingResponse(message, metadata, this.#request, new ConnectionStore(this.#kv, this.#seams.suite), label, this.#now());
  }

  /**
   * Unpacks a reading from the device: it must be authcrypted by the device
   * and carry a COSE_Sign1 by the device's authentication key, which is
   * checked again on its own, as anyone the phone shows it to would.
   */
  readReading(packed: Uint8Array): CheckedReading {
    const device = this.#device;
    if (device === undefined) throw new TinydidError('protocol.unexpected', 'no device scanned');
    const { message, metadata } = this.#unpack(packed);
    if (!metadata.encrypted || !metadata.authenticated || message.from !== device) refuse('a reading must be authcrypted by the device');
    const signer = this.#resolver.resolve(device).authentication?.[0];
    if (!metadata.non_repudiation || metadata.signed_message === undefined || signer === undefined || metadata.sign_from !== signer) {
      refuse('a reading must be signed by the device\'s authentication key');
    }
    const alone = unpackCompact(fromBase64url(metadata.signed_message), { resolver: this.#resolver, peers: [device], suite: this.#seams.suite, allowUnknownTime: true });
    if (!alone.metadata.non_repudiation || alone.metadata.sign_from !== signer || alone.message.id !== message.id) refuse('the signed reading does not verify on its own');
    if (!message.type.startsWith(READING_TYPE_PREFIX)) refuse(`expected a reading, got ${message.type}`);
    return { seq: Number(message.id), kind: message.type.slice(READING_TYPE_PREFIX.length), body: message.body, signer };
  }
}
