// An agent in the simulation: a virtual device, the phone, the guardian, an
// issuer or a verifier. Each has its own storage directory with its own key
// store (hosts/node/key-store.ts: root key + KV records, the same code the
// CLI uses), a did:peer:2 made from its keys, and the peers it has a
// connection with. A device keeps its identity in its KV (record
// `app/identity`), so a restart with the same state directory keeps its DID.
import { join } from 'node:path';
import { toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { createPeer2, type Peer2Key } from '../../firmware/did/peer2';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { Random } from '../../firmware/host/random';
import { defaultAttributes } from '../../firmware/keys/attributes';
import type { DeviceKeyStore, KeyStoreProfile } from '../../firmware/keys/open-key-store';
import type { KvStore } from '../../firmware/storage/kv';
import { keyStoreSigner, type CoseSigner } from '../../firmware/credentials/keys';
import { MapKeyRing } from '../../firmware/didcomm/key-ring';
import { KidIndex } from '../../firmware/didcomm/compact/key-id';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { openKeyStore } from '../../firmware/keys/open-key-store';
import { FileKv } from '../../firmware/storage/file-kv';
import { loadOrCreateRootKey } from '../../hosts/node/device-root-key';
import { NodeFileSystem } from '../../hosts/node/file-system';
import { RECORDS_DIR, openNodeKeyStore } from '../../hosts/node/key-store';
import type { DeviceClock } from '../clock';

/** What an agent knows of a peer it has a connection with. */
export interface Peer {
  name: string;
  did: string;
  signPublic: Uint8Array;
  agreePublic: Uint8Array;
  /** Short key ids used on compact links (hex). */
  signKid: string;
  agreeKid: string;
}

export interface AgentOptions {
  name: string;
  /** Storage root: the agent's directory is `<root>/<name>`. */
  root: string;
  clock: DeviceClock;
  /** Key generation: the host CSPRNG, or the simulator's seeded stream with --seed. */
  random: Random;
  profile?: KeyStoreProfile;
  /**
   * Key curves: '25519' (Ed25519 + X25519, default) or 'p256' (P-256 for both,
   * what a secure element such as the ATECC608 holds). `extraP256` adds a
   * P-256 key-agreement key to a 25519 agent (a phone that talks to both kinds).
   */
  curve?: '25519' | 'p256';
  extraP256?: boolean;
  /** fsync the agent's files (default true; a fleet run may turn it off and says so). */
  fsync?: boolean;
  /** The service endpoint written into the DID (e.g. `ble:` or `mqtt:` addresses). */
  endpoint?: string;
}

const IDENTITY = 'app/identity';

/** Short key id on compact links: the first 8 bytes of SHA-256 of the public key. */
export function shortKid(suite: CryptoSuite, publicKey: Uint8Array): string {
  return toHex(suite.sha256(publicKey).subarray(0, 8));
}

/** A KV whose reads come from memory once read or written; writes go through to `inner` at once. */
class CachedKv implements KvStore {
  readonly #inner: KvStore;
  readonly #cache = new Map<string, Uint8Array | undefined>();

  constructor(inner: KvStore) {
    this.#inner = inner;
  }

  get(key: string): Uint8Array | undefined {
    if (!this.#cache.has(key)) this.#cache.set(key, this.#inner.get(key));
    const v = this.#cache.get(key);
    return v === undefined ? undefined : v.slice();
  }

  put(key: string, value: Uint8Array): void {
    this.#inner.put(key, value);
    this.#cache.set(key, value.slice());
  }

  delete(key: string): void {
    this.#inner.delete(key);
    this.#cache.set(key, undefined);
  }

  list(prefix: string): string[] {
    return this.#inner.list(prefix);
  }
}

export class SimAgent {
  readonly name: string;
  readonly dir: string;
  readonly store: DeviceKeyStore;
  readonly kv: KvStore;
  readonly clock: DeviceClock;
  readonly random: Random;
  readonly suite: CryptoSuite = nodeSuite;
  readonly resolver = createLocalResolver({ suite: nodeSuite });
  readonly did: string;
  readonly signKeyId: string;
  readonly agreeKeyId: string;
  readonly signPublic: Uint8Array;
  readonly agreePublic: Uint8Array;
  readonly signKid: string;
  /** DID URLs of the keys in the DID document. */
  readonly authenticationKid: string;
  readonly assertionKid: string;
  readonly agreementKid: string;
  readonly agreeKid: string;
  /** The DIDComm key ring: the DID's key ids -> key store ids. */
  readonly keyRing: MapKeyRing;
  /** Short key ids of our own keys and of every connection, built as connections are made (a gateway with many peers builds it once). */
  readonly kidIndex = new KidIndex(nodeSuite);
  /** Connections, by the peer's short key ids and by DID. */
  readonly peersByKid = new Map<string, Peer>();
  readonly peersByDid = new Map<string, Peer>();

  constructor(options: AgentOptions) {
    this.name = options.name;
    this.dir = join(options.root, options.name);
    this.clock = options.clock;
    this.random = options.random;
    if (options.fsync === false) {
      // Fleet mode: the same root key file, file KV and key store as the Node
      // host's factory (hosts/node/key-store.ts), with reads served from a
      // write-through cache (every put and delete still goes to the file).
      const rootKey = loadOrCreateRootKey(this.dir, options.random, { fsync: false });
      this.kv = new CachedKv(new FileKv(new NodeFileSystem(join(this.dir, RECORDS_DIR), { fsync: false })));
      this.store = openKeyStore({ kv: this.kv, rootKey, random: options.random, suite: nodeSuite, profile: options.profile });
      rootKey.fill(0);
    } else {
      const opened = openNodeKeyStore({ dir: this.dir, profile: options.profile, random: options.random, suite: nodeSuite, fsync: options.fsync });
      this.store = opened.store;
      this.kv = opened.kv;
    }
    const saved = this.kv.get(IDENTITY);
    let extraKeyId: string | undefined;
    if (saved !== undefined) {
      const m = decodeCbor(saved) as Map<string, string>;
      this.signKeyId = m.get('sign') as string;
      this.agreeKeyId = m.get('agree') as string;
      extraKeyId = m.get('agree-p256');
    } else {
      const p256 = options.curve === 'p256';
      this.signKeyId = this.store.generate(defaultAttributes(p256 ? 'p256' : 'ed25519', 'sign', 'did-authentication'));
      this.agreeKeyId = this.store.generate(defaultAttributes(p256 ? 'p256' : 'x25519', 'derive', 'did-key-agreement'));
      const ids: [string, string][] = [['sign', this.signKeyId], ['agree', this.agreeKeyId]];
      if (options.extraP256 && !p256) {
        extraKeyId = this.store.generate(defaultAttributes('p256', 'derive', 'did-key-agreement-p256'));
        ids.push(['agree-p256', extraKeyId]);
      }
      this.kv.put(IDENTITY, encodeCbor(new Map(ids)));
    }
    this.signPublic = this.store.exportPublic(this.signKeyId);
    this.agreePublic = this.store.exportPublic(this.agreeKeyId);
    const signCrv = this.store.info(this.signKeyId).type === 'p256' ? 'P-256' : 'Ed25519';
    const agreeCrv = this.store.info(this.agreeKeyId).type === 'p256' ? 'P-256' : 'X25519';
    const keys: Peer2Key[] = [
      { purpose: 'V', key: { crv: signCrv, bytes: this.signPublic } },
      { purpose: 'A', key: { crv: signCrv, bytes: this.signPublic } },
      { purpose: 'E', key: { crv: agreeCrv, bytes: this.agreePublic } },
    ];
    if (extraKeyId !== undefined) keys.push({ purpose: 'E', key: { crv: 'P-256', bytes: this.store.exportPublic(extraKeyId) } });
    this.did = createPeer2(keys, [{ uri: options.endpoint ?? `sim:${options.name}`, accept: ['didcomm/v2'] }]);
    const doc = this.resolver.resolve(this.did);
    this.authenticationKid = doc.authentication?.[0] ?? '';
    this.assertionKid = doc.assertionMethod?.[0] ?? '';
    this.agreementKid = doc.keyAgreement?.[0] ?? '';
    this.keyRing = new MapKeyRing(this.store).add(this.authenticationKid, 'sign', this.signKeyId).add(this.assertionKid, 'sign', this.signKeyId).add(this.agreementKid, 'derive', this.agreeKeyId);
    const extraKid = doc.keyAgreement?.[1];
    if (extraKeyId !== undefined && extraKid !== undefined) this.keyRing.add(extraKid, 'derive', extraKeyId);
    this.resolver.add(doc);
    this.kidIndex.addDocument(doc);
    this.signKid = shortKid(this.suite, this.signPublic);
    this.agreeKid = shortKid(this.suite, this.agreePublic);
  }

  /** Signs credentials (grants, status lists, time statements) with the DID's assertion key. */
  signer(): CoseSigner {
    return keyStoreSigner(this.store, this.signKeyId, this.assertionKid);
  }

  /** This agent as a peer sees it. */
  asPeer(): Peer {
    return { name: this.name, did: this.did, signPublic: this.signPublic, agreePublic: this.agreePublic, signKid: this.signKid, agreeKid: this.agreeKid };
  }

  /** Records a connection with `peer`. */
  connect(peer: Peer): void {
    // A known document: short key ids of this peer now resolve (compact profile).
    const doc = this.resolver.resolve(peer.did);
    this.resolver.add(doc);
    this.kidIndex.addDocument(doc);
    this.peersByKid.set(peer.signKid, peer);
    this.peersByKid.set(peer.agreeKid, peer);
    this.peersByDid.set(peer.did, peer);
  }

  /** Wall time in UTC epoch seconds, or undefined when this agent does not know the time. */
  nowSeconds(): number | undefined {
    const ms = this.clock.wallTimeMs();
    return ms === undefined ? undefined : Math.floor(ms / 1000);
  }

  /** A fresh message id (16 hex digits from the agent's randomness). */
  newId(): string {
    return toHex(this.random.fill(new Uint8Array(8)));
  }
}
