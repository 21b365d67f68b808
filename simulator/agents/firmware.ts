// Firmware updates on a simulated device, with firmware/update: the device's
// UpdateAgent checks a SUIT envelope against its k-of-n trust policy and its
// anti-rollback sequence (the key store's monotonic values), streams the
// image into the inactive slot of a simulated A/B flash (MemorySlots, whose
// PowerRail can cut the power at any persistent step), and the boot flow
// test-boots and confirms it, or falls back to the confirmed image.
import { utf8Encode } from '../../firmware/bytes/utf8';
import { UpdateAgent, type DeviceIdentity } from '../../firmware/update/agent';
import { runBootFlow, type BootOutcome } from '../../firmware/update/boot';
import { createEnvelope, type EnvelopeSigner } from '../../firmware/update/build';
import { MemorySlots, PowerCut, PowerRail, PoweredKv } from '../../firmware/update/memory-slot';
import { slotMatches, type InstallReport } from '../../firmware/update/session';
import { readInstalledRecord } from '../../firmware/update/state';
import type { TrustAnchor, TrustPolicy } from '../../firmware/update/trust-policy';
import type { SimAgent } from './agent';

/** A party whose signature counts toward an update's threshold. */
export interface UpdateSigner {
  name: string;
  signer: EnvelopeSigner;
  anchor: TrustAnchor;
}

export function updateSigner(agent: SimAgent): UpdateSigner {
  return {
    name: agent.name,
    signer: { keyStore: agent.store, keyId: agent.signKeyId, kid: utf8Encode(agent.name) },
    anchor: { kid: agent.name, type: 'ed25519', publicKey: agent.signPublic },
  };
}

/** A deterministic image of `size` bytes for `label` (the simulated firmware). */
export function firmwareImage(agent: SimAgent, label: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let block = agent.suite.sha256(utf8Encode(`tinydid simulated firmware ${label}`));
  for (let offset = 0; offset < size; offset += 32) {
    out.set(block.subarray(0, Math.min(32, size - offset)), offset);
    block = agent.suite.sha256(block);
  }
  return out;
}

/** A signed SUIT envelope for `image` (the image itself travels separately, fetched from `uri`). */
export function signedEnvelope(author: SimAgent, identity: DeviceIdentity, sequenceNumber: number, image: Uint8Array, uri: string, signers: readonly UpdateSigner[], text?: string): Uint8Array {
  return createEnvelope(
    { sequenceNumber, vendorId: identity.vendorId, classId: identity.classId, image: { digest: author.suite.sha256(image), size: image.length, uri }, ...(text !== undefined ? { text } : {}) },
    signers.map((s) => s.signer),
    author.suite,
  );
}

export class DeviceFirmware {
  readonly rail = new PowerRail();
  readonly slots: MemorySlots;
  readonly kv: PoweredKv;
  readonly agent: UpdateAgent;
  readonly #device: SimAgent;
  /** Digests of the images this device may legitimately run (factory + installed). */
  readonly #factoryDigest: Uint8Array;
  readonly #factorySize: number;

  constructor(device: SimAgent, identity: DeviceIdentity, policy: TrustPolicy, factoryImage: Uint8Array, capacity = 128 * 1024) {
    this.#device = device;
    this.slots = new MemorySlots(capacity, this.rail);
    this.slots.provision(factoryImage);
    this.#factoryDigest = device.suite.sha256(factoryImage);
    this.#factorySize = factoryImage.length;
    this.kv = new PoweredKv(device.kv, this.rail);
    this.agent = new UpdateAgent({ suite: device.suite, slots: this.slots, kv: this.kv, sequence: device.store.monotonic(), policy, device: identity });
  }

  /** The installed sequence number (0 for the factory image). */
  sequence(): number {
    return this.agent.installedSequence() ?? 0;
  }

  /** Streams `image` after checking `envelope`; throws the verdict (TinydidError) or PowerCut. */
  install(envelope: Uint8Array, image: Uint8Array, chunkSize = 4096): InstallReport {
    const session = this.agent.begin(envelope);
    for (let offset = 0; offset < image.length; offset += chunkSize) session.write(image.subarray(offset, Math.min(offset + chunkSize, image.length)));
    return session.finish();
  }

  /** A reset: the boot loader picks the slot, then the boot flow confirms or reverts a test image. */
  reboot(selfTest: () => boolean = () => true): BootOutcome {
    this.slots.boot();
    this.#device.clock.reboot();
    return runBootFlow({ suite: this.#device.suite, slots: this.slots, kv: this.kv, sequence: this.#device.store.monotonic() }, selfTest);
  }

  /** True when the running slot holds exactly the factory image or the installed, verified one. */
  runsVerifiedImage(): boolean {
    const running = this.slots.bootState().running;
    const installed = readInstalledRecord(this.kv);
    const deps = { suite: this.#device.suite, slots: this.slots };
    if (installed !== undefined && installed.slot === running) return slotMatches(deps, running, installed.size, installed.digest);
    return slotMatches(deps, running, this.#factorySize, this.#factoryDigest);
  }

  /** Cuts the power at one of the next `steps` persistent steps (chosen by `pick`). */
  armPowerCut(step: number): void {
    this.rail.cutAt = this.rail.steps + step;
  }
}

export { PowerCut };
