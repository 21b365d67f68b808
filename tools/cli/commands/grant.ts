// `tinydid grant issue|verify|export-vc|verify-vc`: access grants (COSE_Sign1
// CWTs, firmware/credentials) on the command line.
import { fromHex, toHex } from '../../../firmware/bytes/hex';
import { AuditLog } from '../../../firmware/credentials/audit-log';
import { DevicePolicy } from '../../../firmware/credentials/authorize';
import { verifyGrantChain } from '../../../firmware/credentials/chain';
import { decodeGrant, issueGrant, type GrantClaims, type GrantToken } from '../../../firmware/credentials/grant';
import { ACTIONS, DATA_CLASSES, entriesOf, permissionsOf, type Action, type DataClass, type ScopeEntry } from '../../../firmware/credentials/scope';
import { StatusListStore } from '../../../firmware/credentials/status-store';
import { exportGrantVc, verifyVcCose } from '../../../firmware/credentials/vc';
import { nodeRandom } from '../../../hosts/node/random';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { MemoryKv } from '../../../hosts/xs/memory-kv';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit';
import { readBinaryInput } from '../input';
import { SIGNER_FLAGS, SIGNER_USAGE, cliKeyResolver, nodeZlib, parseDuration, parseTime, signerFrom, writeBinary } from './status';

const USAGE = `usage: tinydid grant issue SIGNER --sub DEVICE_DID --aud GRANTEE_DID --scope SCOPE
                         [--iat TIME] [--nbf TIME] [--exp TIME | --for DURATION]
                         [--delegation N] [--cnf-kid DIDURL]
                         [--status-uri URI --status-idx N] [--parent GRANT]
                         [--cti HEX] [--out FILE]
       tinydid grant verify --controller DID --device DID [--resolve DOCS.json]...
                         [--time TIME] [--status LIST]... [--requester DID
                         --requester-kid DIDURL --class CLASS --action ACTION] [GRANT]
       tinydid grant export-vc SIGNER [--out FILE] [GRANT]
       tinydid grant verify-vc [--resolve DOCS.json]... [--time TIME] [VC]

issue      signs a grant (a COSE_Sign1 CWT): SCOPE is CLASS:ACTION[+ACTION],...
           with classes ${DATA_CLASSES.join(', ')} and actions ${ACTIONS.join(', ')}
           (e.g. location:read,glucose:read+subscribe). --parent embeds the
           grant this one is delegated from (the signer must be its audience;
           scope and time may only narrow). --delegation N lets the grantee
           delegate N more hops. Binary to stdout or --out.
verify     checks a chain (GRANT: FILE or stdin, binary or hex) as the device
           would: signatures, root issued by --controller, subject --device,
           delegation rules; prints the chain as JSON. With --requester,
           --class and --action it makes the device's full decision at --time
           (default now) with the --status lists; exit 1 with the reason code
           when denied.
export-vc  the grant as a W3C VC 2.0 secured with COSE (application/vc+cose),
           signed by the grant's issuer.
verify-vc  checks a vc+cose credential; prints the credential JSON.

${SIGNER_USAGE}

TIME is epoch seconds, an ISO date or now; DURATION is seconds or 15m, 24h, 30d.`;

function parseScope(text: string | undefined): number {
  if (text === undefined || text === '') throw new UsageError('--scope is required, e.g. location:read,glucose:read+subscribe');
  const entries: ScopeEntry[] = text.split(',').map((part) => {
    const [cls, actions] = part.split(':');
    if (!(DATA_CLASSES as readonly string[]).includes(cls) || actions === undefined) throw new UsageError(`--scope entry ${part}: CLASS:ACTION[+ACTION] with classes ${DATA_CLASSES.join(', ')}`);
    const list = actions.split('+');
    for (const a of list) if (!(ACTIONS as readonly string[]).includes(a)) throw new UsageError(`--scope action ${a}: one of ${ACTIONS.join(', ')}`);
    return { dataClass: cls as DataClass, actions: list as Action[] };
  });
  return permissionsOf(entries);
}

function nonNegative(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer`);
  return Number(value);
}

function describe(token: GrantToken): Record<string, unknown> {
  const c = token.claims;
  return {
    iss: c.iss,
    sub: c.sub,
    aud: c.aud,
    kid: token.sign1.kid,
    cti: toHex(c.cti),
    scope: entriesOf(c.scope),
    iat: c.iat,
    nbf: c.nbf,
    exp: c.exp,
    delegation: c.delegation,
    cnf: c.cnf === undefined ? undefined : 'kid' in c.cnf ? { kid: c.cnf.kid } : { key: { crv: c.cnf.key.crv, x: toHex(c.cnf.key.bytes) } },
    status: c.status,
  };
}

export const command: Command = {
  name: 'grant',
  summary: 'issue, verify, or export as vc+cose an access grant (delegable, expiring, revocable)',
  usage: USAGE,
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      ...SIGNER_FLAGS,
      sub: { type: 'string' },
      aud: { type: 'string' },
      scope: { type: 'string' },
      iat: { type: 'string' },
      nbf: { type: 'string' },
      exp: { type: 'string' },
      for: { type: 'string' },
      delegation: { type: 'string' },
      'cnf-kid': { type: 'string' },
      'status-uri': { type: 'string' },
      'status-idx': { type: 'string' },
      parent: { type: 'string' },
      cti: { type: 'string' },
      out: { type: 'string' },
      controller: { type: 'string' },
      device: { type: 'string' },
      resolve: { type: 'string', multiple: true },
      time: { type: 'string' },
      status: { type: 'string', multiple: true },
      requester: { type: 'string' },
      'requester-kid': { type: 'string' },
      class: { type: 'string' },
      action: { type: 'string' },
    });
    const [sub, ...rest] = positionals;
    if (rest.length > 1) throw new UsageError(`grant ${sub ?? ''} takes at most one input file`);
    switch (sub) {
      case 'issue': {
        if (rest.length !== 0) throw new UsageError('grant issue takes no positional arguments');
        if (values.sub === undefined || values.aud === undefined) throw new UsageError('--sub DEVICE_DID and --aud GRANTEE_DID are required');
        if ((values['status-uri'] === undefined) !== (values['status-idx'] === undefined)) throw new UsageError('--status-uri and --status-idx go together');
        if (values.exp !== undefined && values.for !== undefined) throw new UsageError('--exp and --for exclude each other');
        const { signer, did } = signerFrom(values);
        const iat = parseTime(values.iat, 'iat') ?? Math.floor(Date.now() / 1000);
        const nbf = parseTime(values.nbf, 'nbf');
        const span = parseDuration(values.for, 'for');
        const claims: GrantClaims = {
          iss: did,
          sub: values.sub,
          aud: values.aud,
          scope: parseScope(values.scope),
          cti: values.cti === undefined ? nodeRandom.fill(new Uint8Array(8)) : fromHex(values.cti),
          iat,
          nbf,
          exp: span !== undefined ? (nbf ?? iat) + span : parseTime(values.exp, 'exp'),
          delegation: nonNegative(values.delegation, 'delegation') ?? 0,
          cnf: values['cnf-kid'] === undefined ? undefined : { kid: values['cnf-kid'] },
          status: values['status-uri'] === undefined ? undefined : { uri: values['status-uri'], idx: nonNegative(values['status-idx'], 'status-idx') as number },
        };
        const parent = values.parent === undefined ? undefined : readBinaryInput(values.parent);
        if (parent !== undefined) decodeGrant(parent);
        writeBinary(issueGrant(signer, claims, parent), values.out, io);
        return EXIT.ok;
      }
      case 'verify': {
        if (values.controller === undefined || values.device === undefined) throw new UsageError('--controller DID and --device DID are required');
        const grant = readBinaryInput(rest[0]);
        const resolveKey = cliKeyResolver(values.resolve);
        const policy = { deviceDid: values.device, controllerDid: values.controller, resolveKey, suite: nodeSuite };
        const tokens = verifyGrantChain(grant, policy);
        const report: Record<string, unknown> = { valid: true, chain: tokens.map(describe) };
        if (values.requester !== undefined || values['requester-kid'] !== undefined || values.class !== undefined || values.action !== undefined) {
          if (values.requester === undefined || values['requester-kid'] === undefined || values.class === undefined || values.action === undefined) {
            throw new UsageError('--requester, --requester-kid, --class and --action go together');
          }
          const now = parseTime(values.time ?? 'now', 'time') as number;
          const kv = new MemoryKv();
          const statuses = new StatusListStore({ kv, suite: nodeSuite, resolveKey, zlib: nodeZlib });
          for (const file of values.status ?? []) statuses.receive(readBinaryInput(file), now);
          const device = new DevicePolicy({ ...policy, time: { now: () => now }, statuses, audit: new AuditLog({ kv, suite: nodeSuite, capacity: 1 }) });
          const decision = device.authorize({
            requesterDid: values.requester,
            requesterKid: values['requester-kid'],
            dataClass: values.class,
            action: values.action,
            grantChain: grant,
          });
          report.decision = decision.allowed ? { allowed: true, time: now, exp: decision.exp } : { allowed: false, reason: decision.reason, message: decision.message };
          io.stdout(`${JSON.stringify(report, null, 2)}\n`);
          if (!decision.allowed) io.stderr(`error: ${decision.reason}: ${decision.message}\n`);
          return decision.allowed ? EXIT.ok : EXIT.verdict;
        }
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        return EXIT.ok;
      }
      case 'export-vc': {
        const { signer } = signerFrom(values);
        writeBinary(exportGrantVc(readBinaryInput(rest[0]), signer), values.out, io);
        return EXIT.ok;
      }
      case 'verify-vc': {
        const now = values.time === undefined ? undefined : parseTime(values.time, 'time');
        const verified = verifyVcCose(readBinaryInput(rest[0]), { resolveKey: cliKeyResolver(values.resolve), suite: nodeSuite, now });
        io.stdout(`${JSON.stringify(verified.vc, null, 2)}\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError('expected: tinydid grant issue|verify|export-vc|verify-vc ...');
    }
  },
};
