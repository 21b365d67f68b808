// `tinydid firmware sign|verify|inspect`: SUIT envelopes for signed firmware
// updates (firmware/update). Signing keys are PEM files imported into a
// volatile software key store; trust anchors are PEM or JSON files.
import { basename } from 'node:path';
import { constantTimeEqual } from '../../../firmware/bytes/equal';
import { decodeCbor } from '../../../firmware/cbor/decode';
import { TinydidError, isTinydidError } from '../../../firmware/errors/tinydid-error';
import { createEnvelope } from '../../../firmware/update/build';
import { DEFAULT_SUIT_LIMITS } from '../../../firmware/update/limits';
import { planInstall } from '../../../firmware/update/plan';
import { effectivePolicy } from '../../../firmware/update/trust-policy';
import { verifyEnvelope } from '../../../firmware/update/verify';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { parseFlags } from '../args';
import type { Command, CommandIo } from '../command';
import { EXIT, UsageError } from '../exit';
import { pemSigner, readTrust } from '../firmware/keys';
import { suitDiagnostic } from '../firmware/diag';
import { parseUuid } from '../firmware/uuid';
import { readBinaryInput } from '../input';

const USAGE = `usage: tinydid firmware <subcommand> [flags]

  sign --key KEY.pem [--key KEY2.pem ...] --seq N --vendor UUID --class UUID
       [--integrated] [--uri URI] IMAGE > UPDATE.suit
       writes a SUIT envelope (draft-ietf-suit-manifest) for IMAGE, signed by
       every key: ES256 for P-256 keys, EdDSA for Ed25519 keys (PEM, PKCS#8 or
       SEC1). --integrated carries the image in the envelope (uri "#firmware");
       otherwise the manifest names --uri (default: the image file name).
  verify --trust KEY.pem [--trust ...] [--threshold K] [--installed-seq N]
       [--vendor UUID] [--class UUID] UPDATE.suit [IMAGE]
       checks the signatures (k of the trusted keys, default k=1; each key
       counts once), the manifest, the sequence against --installed-seq
       (default: nothing installed), vendor and class when given, and the
       image digest and size when IMAGE is given or the envelope carries it.
       --trust takes a public (or private) key PEM, or a JSON array of
       {"kid": ..., "jwk": {...}} or {"kid": ..., "pem": "..."}.
       Prints: ok seq=N signers=K/N image=checked|not-checked
  inspect UPDATE.suit
       prints the envelope in CBOR diagnostic notation, embedded CBOR opened,
       severed members and integrated payloads marked.

UPDATE.suit and IMAGE may be binary or hex text. A refused envelope exits 1 with its
error code (suit.bad-signature, suit.threshold, suit.rollback, ...).`;

function uint(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${flag} must be an integer 0..2^53-1, not '${text}'`);
  return Number(text);
}

function sign(args: string[], io: CommandIo): number {
  const { values, positionals } = parseFlags(args, {
    key: { type: 'string', multiple: true },
    seq: { type: 'string' },
    vendor: { type: 'string' },
    class: { type: 'string' },
    integrated: { type: 'boolean', default: false },
    uri: { type: 'string' },
  });
  if (!values.key || values.key.length === 0) throw new UsageError('at least one --key is required');
  const sequenceNumber = uint(values.seq, 'seq');
  if (sequenceNumber === undefined) throw new UsageError('--seq is required');
  if (values.vendor === undefined || values.class === undefined) throw new UsageError('--vendor and --class are required');
  if (positionals.length !== 1) throw new UsageError('exactly one IMAGE file is required');
  const vendorId = parseUuid(values.vendor, 'vendor');
  const classId = parseUuid(values.class, 'class');
  if (values.integrated && values.uri !== undefined) throw new UsageError('--uri and --integrated do not go together (an integrated image is "#firmware")');
  const signers = values.key.map((path) => pemSigner(path, nodeSuite));
  const image = readBinaryInput(positionals[0]);
  const uri = values.integrated ? '#firmware' : values.uri ?? basename(positionals[0]);
  const envelope = createEnvelope(
    { sequenceNumber, vendorId, classId, image: { digest: nodeSuite.sha256(image), size: image.length, uri } },
    signers,
    nodeSuite,
    values.integrated ? { integrated: new Map([[uri, image]]) } : {},
  );
  io.stdout(envelope);
  return EXIT.ok;
}

function verify(args: string[], io: CommandIo): number {
  const { values, positionals } = parseFlags(args, {
    trust: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    'installed-seq': { type: 'string' },
    vendor: { type: 'string' },
    class: { type: 'string' },
  });
  if (!values.trust || values.trust.length === 0) throw new UsageError('at least one --trust is required');
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('usage: tinydid firmware verify --trust KEY.pem UPDATE.suit [IMAGE]');
  const threshold = uint(values.threshold, 'threshold') ?? 1;
  if (threshold < 1) throw new UsageError('--threshold must be at least 1');
  const installedSequence = uint(values['installed-seq'], 'installed-seq');
  const anchors = values.trust.flatMap((path) => readTrust(path));
  const device = {
    ...(values.vendor !== undefined ? { vendorId: parseUuid(values.vendor, 'vendor') } : {}),
    ...(values.class !== undefined ? { classId: parseUuid(values.class, 'class') } : {}),
  };
  const envelope = readBinaryInput(positionals[0]);
  const image = positionals[1] === undefined ? undefined : readBinaryInput(positionals[1]);
  const policy = { anchors, threshold };
  try {
    effectivePolicy(policy, device.classId);
  } catch (error) {
    // A threshold above the trusted keys, or two anchors with one kid: the command line is wrong.
    if (isTinydidError(error, 'suit.bad-trust')) throw new UsageError(error.message);
    throw error;
  }
  const verified = verifyEnvelope(envelope, {
    suite: nodeSuite,
    policy,
    device,
    ...(installedSequence !== undefined ? { installedSequence } : {}),
  });
  let imageChecked = false;
  if (image !== undefined || verified.parts.integrated.size > 0) {
    // The image the install sequence fetches, as a device with slot 0 inactive would.
    const plan = planInstall(verified, { ...device, slot: 0 });
    const bytes = image ?? plan.integrated;
    if (bytes !== undefined) {
      if (bytes.length > plan.size) throw new TinydidError('suit.image-too-long', `the image is ${bytes.length} bytes; image-size is ${plan.size}`);
      if (bytes.length < plan.size) throw new TinydidError('suit.image-size', `the image is ${bytes.length} bytes; image-size is ${plan.size}`);
      if (!constantTimeEqual(nodeSuite.sha256(bytes), plan.digest.bytes)) throw new TinydidError('suit.image-digest', 'the image does not match image-digest');
      imageChecked = true;
    }
  }
  const auth = verified.authentication;
  io.stdout(`ok seq=${verified.sequenceNumber} signers=${auth.signers.length}/${auth.trusted} image=${imageChecked ? 'checked' : 'not-checked'}\n`);
  return EXIT.ok;
}

function inspect(args: string[], io: CommandIo): number {
  const { positionals } = parseFlags(args, {});
  if (positionals.length > 1) throw new UsageError('usage: tinydid firmware inspect [UPDATE.suit]');
  const envelope = readBinaryInput(positionals[0]);
  const value = decodeCbor(envelope, { maxInput: DEFAULT_SUIT_LIMITS.maxEnvelope, maxLength: DEFAULT_SUIT_LIMITS.maxEnvelope });
  io.stdout(`${suitDiagnostic(value)}\n`);
  return EXIT.ok;
}

export const command: Command = {
  name: 'firmware',
  summary: 'signed firmware updates: sign, verify and inspect SUIT envelopes',
  usage: USAGE,
  run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'sign') return sign(rest, io);
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'inspect') return inspect(rest, io);
    throw new UsageError(sub === undefined ? 'a subcommand is required: sign, verify or inspect' : `unknown subcommand '${sub}' (sign, verify, inspect)`);
  },
};
