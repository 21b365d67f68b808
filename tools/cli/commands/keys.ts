// `tinydid keys generate|list|sign|public|attest`: factory provisioning of a
// device key store directory (hosts/node/key-store.ts). There is no command
// that prints a private key.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toHex, fromHex } from '../../../firmware/bytes/hex';
import { encodeCbor } from '../../../firmware/cbor/encode';
import { coseKeyFromPublic, encodeCoseKey } from '../../../firmware/cose/key';
import { TinydidError } from '../../../firmware/errors/tinydid-error';
import { publicKeyToJwk } from '../../../firmware/jose/jwk';
import { permittedAlgorithm } from '../../../firmware/keys/attributes';
import type { KeyAttributes, KeyType, KeyUsage } from '../../../firmware/keys/key-store';
import { PROFILES, type KeyStoreProfile } from '../../../firmware/keys/open-key-store';
import { ROOT_KEY_FILE } from '../../../hosts/node/device-root-key';
import { openNodeKeyStore, type NodeKeyStore } from '../../../hosts/node/key-store';
import { parseFlags } from '../args';
import type { Command, CommandIo } from '../command';
import { EXIT, IoError, UsageError } from '../exit';
import { readBinaryInput } from '../input';

const TYPES: readonly KeyType[] = ['ed25519', 'x25519', 'p256'];
const USAGES: readonly KeyUsage[] = ['sign', 'derive'];

const USAGE = `usage: tinydid keys <subcommand> --store DIR [flags]

  generate --store DIR --type ed25519|x25519|p256 --usage sign|derive
           [--profile software|secure-element] [--label TEXT]
           creates a key inside the store; prints its id alone. The profile is
           fixed when the store is created (default software); the
           secure-element profile (ATECC608 model) holds P-256 keys only.
  list     --store DIR
           one line per key: id, type, usage, hardware|software
  sign     --store DIR --id ID [FILE]
           signs FILE (or stdin; raw bytes or hex text); prints the raw
           signature (EdDSA, or ES256 r||s) as hex
  public   --store DIR --id ID
           prints {"jwk": ..., "coseKey": "<hex>"}
  attest   --store DIR --id ID --nonce HEX
           secure-element stores only: the factory attestation key signs the
           nonce and the key's public key; prints the statement, signature and
           the attestation public key (JSON)

Refused operations (a key type the profile cannot hold, a usage violation, a
tampered store) exit 1 with their error code.`;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value === undefined) throw new UsageError(`--${flag} is required (${allowed.join(', ')})`);
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
  return value as T;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

/** Opens an existing store directory (I/O error when it is not one). */
function openExisting(dir: string): NodeKeyStore {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new IoError(`no key store at ${dir}`);
  if (!existsSync(join(dir, ROOT_KEY_FILE))) throw new IoError(`${dir} is not a key store (no ${ROOT_KEY_FILE})`);
  return openNodeKeyStore({ dir });
}

/** COSE_Key of a public key (RFC 9052 section 7; RFC 9053 section 7.1 EC2, 7.2 OKP), by firmware/cose. */
function coseKey(type: KeyType, publicKey: Uint8Array): Uint8Array {
  return encodeCbor(encodeCoseKey(coseKeyFromPublic(type, publicKey)));
}

function jwk(type: KeyType, publicKey: Uint8Array) {
  return publicKeyToJwk({ crv: type === 'p256' ? 'P-256' : type === 'ed25519' ? 'Ed25519' : 'X25519', bytes: publicKey });
}

function run(args: string[], io: CommandIo): number {
  const [sub, ...rest] = args;
  const { values, positionals } = parseFlags(rest, {
    store: { type: 'string' },
    type: { type: 'string' },
    usage: { type: 'string' },
    profile: { type: 'string' },
    label: { type: 'string' },
    id: { type: 'string' },
    nonce: { type: 'string' },
  });
  const dir = required(values.store, 'store');
  const allowPositionals = sub === 'sign' ? 1 : 0;
  if (positionals.length > allowPositionals) throw new UsageError(`unexpected argument '${positionals[allowPositionals]}'`);
  switch (sub) {
    case 'generate': {
      const type = oneOf(values.type, TYPES, 'type');
      const usage = oneOf(values.usage, USAGES, 'usage');
      const profile = values.profile === undefined ? undefined : oneOf<KeyStoreProfile>(values.profile, PROFILES, 'profile');
      const { store } = openNodeKeyStore({ dir, profile });
      // The algorithm is the one the type and usage permit; a pair that permits none is refused by the store (keys.bad-attributes).
      const algorithm = permittedAlgorithm(type, usage) ?? (usage === 'sign' ? 'eddsa' : 'ecdh');
      const attributes: KeyAttributes = { type, usage, algorithm, persistence: 'persistent' };
      if (values.label !== undefined) attributes.label = values.label;
      const id = store.generate(attributes);
      io.stdout(`${id}\n`);
      return EXIT.ok;
    }
    case 'list': {
      const { store } = openExisting(dir);
      for (const key of store.list()) io.stdout(`${key.id} ${key.type} ${key.usage} ${key.location}\n`);
      return EXIT.ok;
    }
    case 'sign': {
      const id = required(values.id, 'id');
      const message = readBinaryInput(positionals[0]);
      const { store } = openExisting(dir);
      io.stdout(`${toHex(store.sign(id, message))}\n`);
      return EXIT.ok;
    }
    case 'public': {
      const id = required(values.id, 'id');
      const { store } = openExisting(dir);
      const info = store.info(id);
      const publicKey = store.exportPublic(id);
      io.stdout(`${JSON.stringify({ jwk: jwk(info.type, publicKey), coseKey: toHex(coseKey(info.type, publicKey)) })}\n`);
      return EXIT.ok;
    }
    case 'attest': {
      const id = required(values.id, 'id');
      let nonce: Uint8Array;
      try {
        nonce = fromHex(required(values.nonce, 'nonce'));
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError('--nonce must be hex');
      }
      const { store } = openExisting(dir);
      if (store.profile !== 'secure-element') throw new TinydidError('keys.unsupported', 'attestation needs the secure-element profile: a software store has no attestation key');
      const attestation = store.attest(id, nonce);
      const attestationKey = store.attestationPublicKey();
      io.stdout(`${JSON.stringify({ format: 'TDA1', statement: toHex(attestation.statement), signature: toHex(attestation.signature), attestationKey: jwk('p256', attestationKey) })}\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(sub === undefined ? 'a subcommand is required (generate, list, sign, public, attest)' : `unknown subcommand '${sub}'`);
  }
}

export const command: Command = {
  name: 'keys',
  summary: 'device key store: generate, list, sign, public, attest',
  usage: USAGE,
  run,
};
