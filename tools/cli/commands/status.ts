// `tinydid status issue|verify`: Token Status Lists in CWT form
// (draft-ietf-oauth-status-list), issued by a grantor, pushed to devices.
import { writeFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { didKeyResolver, keyStoreSigner, type CoseSigner, type KeyResolver } from '../../../firmware/credentials/keys';
import { isStatusBits, packStatuses, statusAt, type StatusBits } from '../../../firmware/credentials/status-list';
import { issueStatusListToken, verifyStatusListToken } from '../../../firmware/credentials/status-token';
import type { Zlib } from '../../../firmware/credentials/zlib';
import { agentDocument, readAgent, readDocuments, keyRingFor, resolverFor } from '../didcomm-files';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { openNodeKeyStore } from '../../../hosts/node/key-store';
import { parseFlags } from '../args';
import type { Command, CommandIo } from '../command';
import { EXIT, IoError, UsageError } from '../exit';
import { readBinaryInput } from '../input';

/** The zlib seam over node:zlib (RFC 1950 streams); inflate output bounded. */
export const nodeZlib: Zlib = Object.freeze({
  inflate: (data: Uint8Array, maxOutput: number) => new Uint8Array(inflateSync(data, { maxOutputLength: maxOutput })),
  deflate: (data: Uint8Array) => new Uint8Array(deflateSync(data, { level: 9 })),
});

/** Flags that name a signing key: an agent file, or a key store directory. */
export const SIGNER_FLAGS = {
  agent: { type: 'string' },
  store: { type: 'string' },
  id: { type: 'string' },
  kid: { type: 'string' },
} as const;

export const SIGNER_USAGE = `signing key (one of):
  --agent AGENT.json          an agent file from \`tinydid did create\`; signs with
                              its assertionMethod key, else its authentication key
  --store DIR --id ID --kid DIDURL
                              a key store directory and key id (\`tinydid keys\`),
                              and the DID URL verifiers resolve that key under`;

/** The signer and issuer DID named by the signer flags. */
export function signerFrom(values: { agent?: string; store?: string; id?: string; kid?: string }): { signer: CoseSigner; did: string } {
  if (values.agent !== undefined) {
    const agent = readAgent(values.agent);
    const doc = agentDocument(agent);
    const kid = doc.assertionMethod?.[0] ?? doc.authentication[0];
    const ring = keyRingFor(agent.secrets, resolverFor([agent.didDocument]), doc);
    const keyId = kid === undefined ? undefined : ring.keyId(kid, 'sign');
    if (kid === undefined || keyId === undefined) throw new UsageError(`agent file ${values.agent} holds no signing key`);
    return { signer: keyStoreSigner(ring.store, keyId, kid), did: agent.did };
  }
  if (values.store !== undefined) {
    if (values.id === undefined || values.kid === undefined) throw new UsageError('--store needs --id ID and --kid DIDURL');
    const { store } = openNodeKeyStore({ dir: values.store });
    return { signer: keyStoreSigner(store, values.id, values.kid), did: values.kid.split('#')[0] };
  }
  throw new UsageError('a signing key is required: --agent AGENT.json, or --store DIR --id ID --kid DIDURL');
}

/**
 * Issuer keys for verification: did:key and did:peer resolve by themselves,
 * other documents come from --resolve files. Agents made by `tinydid did
 * create` list their signing key under authentication only, so the CLI also
 * accepts authentication keys (a relaxation the device policy does not make).
 */
export function cliKeyResolver(resolveFiles: string[] | undefined): KeyResolver {
  return didKeyResolver(resolverFor(readDocuments(resolveFiles ?? [])), { relationships: ['assertionMethod', 'authentication'] });
}

/** Seconds: a number, an ISO date, or `now`. */
export function parseTime(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'now') return Math.floor(Date.now() / 1000);
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} must be epoch seconds, an ISO date, or now`);
  return Math.floor(ms / 1000);
}

/** Durations: 3600, 90s, 15m, 24h, 30d. */
export function parseDuration(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)([smhd]?)$/.exec(value);
  if (m === null) throw new UsageError(`--${name} must be a duration such as 3600, 15m, 24h or 30d`);
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
}

function indexList(value: string | undefined, name: string): number[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((s) => {
    if (!/^\d+$/.test(s.trim())) throw new UsageError(`--${name} is a comma-separated list of indexes`);
    return Number(s.trim());
  });
}

/** Writes binary output to --out or raw to stdout. */
export function writeBinary(bytes: Uint8Array, out: string | undefined, io: CommandIo): void {
  if (out === undefined) {
    io.stdout(bytes);
    return;
  }
  try {
    writeFileSync(out, bytes);
  } catch (error) {
    throw new IoError(`cannot write ${out}: ${(error as Error).message}`, { cause: error });
  }
}

const USAGE = `usage: tinydid status issue SIGNER --uri URI --size N [--bits 1|2|4|8]
                          [--revoked I,J,..] [--suspended I,J,..]
                          [--iat TIME] [--ttl DURATION] [--exp TIME] [--out FILE]
       tinydid status verify [--resolve DOCS.json]... [FILE]

issue   writes a Status List Token (CWT, draft-ietf-oauth-status-list) of N
        entries: the listed indexes INVALID (1) or SUSPENDED (2, needs
        --bits 2), all others VALID; lst is zlib-deflated. iss is the
        signer's DID; grants issued by that DID reference it by --uri.
verify  checks a token (binary or hex, FILE or stdin) and prints its claims
        and the indexes that are not VALID, as JSON.

${SIGNER_USAGE}

TIME is epoch seconds, an ISO date or now (default iat: now). DURATION is
seconds or 15m, 24h, 30d.`;

export const command: Command = {
  name: 'status',
  summary: 'issue or verify a token status list (revocation of grants)',
  usage: USAGE,
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      ...SIGNER_FLAGS,
      uri: { type: 'string' },
      size: { type: 'string' },
      bits: { type: 'string', default: '1' },
      revoked: { type: 'string' },
      suspended: { type: 'string' },
      iat: { type: 'string' },
      ttl: { type: 'string' },
      exp: { type: 'string' },
      out: { type: 'string' },
      resolve: { type: 'string', multiple: true },
    });
    const [sub, ...rest] = positionals;
    if (sub === 'verify') {
      if (rest.length > 1) throw new UsageError('status verify takes one FILE (or stdin)');
      const token = verifyStatusListToken(readBinaryInput(rest[0]), { resolveKey: cliKeyResolver(values.resolve), suite: nodeSuite, zlib: nodeZlib });
      const entries = (token.list.bytes.length * 8) / token.list.bits;
      const notValid: Record<string, number> = {};
      for (let i = 0; i < entries; i++) {
        const s = statusAt(token.list, i);
        if (s !== 0) notValid[i] = s;
      }
      io.stdout(`${JSON.stringify({ iss: token.iss, uri: token.uri, iat: token.iat, exp: token.exp, ttl: token.ttl, bits: token.list.bits, entries, notValid }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (sub !== 'issue' || rest.length !== 0) throw new UsageError('expected: tinydid status issue ... | tinydid status verify [FILE]');
    if (values.uri === undefined || values.size === undefined) throw new UsageError('--uri and --size are required');
    const bits = Number(values.bits);
    if (!isStatusBits(bits)) throw new UsageError('--bits must be 1, 2, 4 or 8');
    const size = Number(values.size);
    if (!Number.isSafeInteger(size) || size < 1 || size > 16384) throw new UsageError('--size must be 1..16384');
    if (values.suspended !== undefined && bits < 2) throw new UsageError('--suspended needs --bits 2 or more (SUSPENDED is 0x02)');
    const statuses = new Array<number>(size).fill(0);
    for (const [flag, value] of [['revoked', 1], ['suspended', 2]] as const) {
      for (const i of indexList(values[flag], flag)) {
        if (i >= size) throw new UsageError(`--${flag} index ${i} is not below --size ${size}`);
        statuses[i] = value;
      }
    }
    const { signer, did } = signerFrom(values);
    const iat = parseTime(values.iat, 'iat') ?? Math.floor(Date.now() / 1000);
    const token = issueStatusListToken(
      signer,
      { iss: did, uri: values.uri, iat, ttl: parseDuration(values.ttl, 'ttl'), exp: parseTime(values.exp, 'exp'), list: { bits: bits as StatusBits, bytes: packStatuses(statuses, bits as StatusBits) } },
      nodeZlib,
    );
    writeBinary(token, values.out, io);
    return EXIT.ok;
  },
};
