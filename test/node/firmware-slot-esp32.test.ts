// The ESP32 firmware slots (hosts/moddable/firmware-slot-esp32.ts) driven by
// firmware/update's SUIT processor end to end, over an in-memory model of the
// ESP-IDF OTA API and boot loader (esp-ota-fake.ts) in place of
// modSlotEsp32.c: install into the other OTA partition, test boot, confirm;
// revert in a test boot and before the reboot; the seam's refusals
// (DESIGN section 3, firmware/update/slot.ts). Also the nrf52/lin stand-in.
import { toHex } from '../../firmware/bytes/hex';
import { SEQUENCE_NAME, UpdateAgent, type UpdateAgentDeps } from '../../firmware/update/agent';
import { runBootFlow } from '../../firmware/update/boot';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import type { MonotonicValues } from '../../firmware/keys/monotonic';
import { writeInstalledRecord } from '../../firmware/update/state';
import { Esp32Slots } from '../../hosts/moddable/firmware-slot-esp32';
import { NoFirmwareSlots, openFirmwareSlots } from '../../hosts/moddable/firmware-slot-none';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { CLASS, envelopeFor, suite, testImage, testKeyStore, testSigner, VENDOR } from '../portable/suit-fixtures';
import { DeviceRestart, FakeEspOta } from './esp-ota-fake';

const alice = testSigner(testKeyStore(5), 'alice');
const policy = { anchors: [alice.anchor] };
/** ESP app images start with ESP_IMAGE_HEADER_MAGIC (esp_ota_write checks it). */
function espImage(size: number, seed: number): Uint8Array {
  const image = testImage(size, seed);
  image[0] = 0xe9;
  return image;
}
const factory = espImage(6000, 1);
const v2 = espImage(10_000, 2);
const v3 = espImage(9000, 3);
/** ota_0 and ota_1 of different sizes, as mcconfig's autosplit makes them. */
const SIZES: [number, number] = [32 * 1024, 36 * 1024];
const CHUNK = 1000;

/** A device: flash and KV survive resets; the slots object and the agent are made again at each boot. */
class Device {
  readonly esp = new FakeEspOta(SIZES, factory);
  readonly kv = new MemoryKv();
  readonly sequence: MonotonicValues;
  slots: Esp32Slots;
  agent: UpdateAgent;
  deps: UpdateAgentDeps;

  constructor() {
    this.sequence = new SoftwareKeyStore({ kv: this.kv, rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(9), suite }).monotonic();
    this.sequence.advanceTo(SEQUENCE_NAME, 1);
    writeInstalledRecord(this.kv, { slot: 0, sequence: 1, digest: suite.sha256(factory), size: factory.length });
    [this.slots, this.agent, this.deps] = this.#open();
  }

  #open(): [Esp32Slots, UpdateAgent, UpdateAgentDeps] {
    const slots = new Esp32Slots(this.esp);
    const deps: UpdateAgentDeps = { suite, slots, kv: this.kv, sequence: this.sequence, policy, device: { vendorId: VENDOR, classId: CLASS } };
    return [slots, new UpdateAgent(deps), deps];
  }

  /** The reset: the boot loader picks the app, which opens its slots again. */
  reset(): void {
    this.esp.reset();
    [this.slots, this.agent, this.deps] = this.#open();
  }

  /** Streams `image` (signed with `sequence`) into the other slot and marks it pending. */
  download(image: Uint8Array, sequence: number): void {
    const session = this.agent.begin(envelopeFor(image, sequence, [alice]));
    for (let offset = 0; offset < image.length; offset += CHUNK) session.write(image.subarray(offset, offset + CHUNK));
    session.finish();
  }

  /** SHA-256 of the running slot's first `size` bytes. */
  running(size: number): string {
    return toHex(suite.sha256(this.slots.read(this.slots.bootState().running, 0, size)));
  }
}

const hex = (image: Uint8Array): string => toHex(suite.sha256(image));

describe('ESP32 firmware slots (firmware-slot-esp32.ts) under the SUIT processor, over a model of ESP-IDF OTA', () => {
  it('installs into the other OTA partition, test-boots it, confirms it and commits the sequence', () => {
    const d = new Device();
    deepEqual(d.slots.bootState(), { running: 0, testing: false });
    equal(d.slots.count, 2);
    equal(d.slots.capacity, SIZES[1], 'capacity is the next update partition');
    d.download(v2, 2);
    ok(d.esp.calls.includes(`begin 1 ${v2.length}`), 'erase = esp_ota_begin on ota_1 with the image size');
    equal(d.esp.calls.filter((c) => c.startsWith('write')).length, Math.ceil(v2.length / CHUNK), 'one esp_ota_write per chunk');
    ok(d.esp.calls.includes('finish'), 'markPending = esp_ota_end + esp_ota_set_boot_partition');
    deepEqual(d.slots.bootState(), { running: 0, testing: false }, 'still the old app until the reset');
    equal(d.esp.boot(), 1, 'ota_1 boots next');

    d.reset();
    deepEqual(d.slots.bootState(), { running: 1, testing: true }, 'test boot (ESP_OTA_IMG_PENDING_VERIFY)');
    equal(d.slots.capacity, SIZES[0]);
    equal(d.running(v2.length), hex(v2));
    equal(d.sequence.read(SEQUENCE_NAME), 1, 'not committed before the confirm');
    const outcome = runBootFlow(d.deps, () => true);
    deepEqual(outcome, { kind: 'confirmed', slot: 1, sequence: 2 });
    deepEqual(d.slots.bootState(), { running: 1, testing: false }, 'esp_ota_mark_app_valid_cancel_rollback');
    equal(d.sequence.read(SEQUENCE_NAME), 2);

    d.reset();
    deepEqual(d.slots.bootState(), { running: 1, testing: false }, 'the confirmed app keeps booting');
    equal(runBootFlow(d.deps, () => true).kind, 'normal');

    // A second update goes back to ota_0.
    d.download(v3, 3);
    ok(d.esp.calls.includes(`begin 0 ${v3.length}`));
    d.reset();
    deepEqual(d.slots.bootState(), { running: 0, testing: true });
    deepEqual(runBootFlow(d.deps, () => true), { kind: 'confirmed', slot: 0, sequence: 3 });
    equal(d.running(v3.length), hex(v3));
  });

  it('a failed self-test in the test boot rolls back to the confirmed app (mark invalid and restart)', () => {
    const d = new Device();
    d.download(v2, 2);
    d.reset();
    equal(runBootFlow(d.deps, () => true).kind, 'confirmed');
    d.download(v3, 3);
    d.reset();
    deepEqual(d.slots.bootState(), { running: 0, testing: true });
    // esp_ota_mark_app_invalid_rollback_and_reboot does not return.
    throws(() => runBootFlow(d.deps, () => false), undefined, 'revert restarts the device');
    equal(d.esp.restarts, 1);
    ok(d.esp.otadata.some((e) => e?.state === 'invalid'), 'the test app is marked invalid');
    d.reset();
    deepEqual(d.slots.bootState(), { running: 1, testing: false }, 'back on the confirmed ota_1');
    equal(d.running(v2.length), hex(v2));
    // The boot flow finishes what revert could not: the pending record goes, the sequence stays.
    deepEqual(runBootFlow(d.deps, () => true), { kind: 'restarted', slot: 1, phase: 'pending' });
    equal(d.sequence.read(SEQUENCE_NAME), 2);
    d.reset();
    deepEqual(d.slots.bootState(), { running: 1, testing: false }, 'the invalid app is never booted again');
  });

  it('reverting the first update after flashing (blank otadata) still goes back', () => {
    const d = new Device();
    d.download(v2, 2);
    d.reset();
    deepEqual(d.slots.bootState(), { running: 1, testing: true });
    let restart: unknown;
    try {
      runBootFlow(d.deps, () => false);
    } catch (error) {
      restart = error;
    }
    ok(restart instanceof DeviceRestart, 'restarts although ESP-IDF has no previous entry to roll back to');
    d.reset();
    deepEqual(d.slots.bootState(), { running: 0, testing: false }, 'the boot loader aborted the test boot');
    equal(d.running(factory.length), hex(factory));
    equal(runBootFlow(d.deps, () => true).kind, 'restarted');
    equal(d.sequence.read(SEQUENCE_NAME), 1);
  });

  it('a reset before the confirm (power loss in the test boot) also goes back', () => {
    const d = new Device();
    d.download(v2, 2);
    d.reset();
    equal(d.slots.bootState().testing, true);
    d.reset();
    deepEqual(d.slots.bootState(), { running: 0, testing: false });
    deepEqual(runBootFlow(d.deps, () => true), { kind: 'restarted', slot: 0, phase: 'pending' });
  });

  it('revert before the reboot: the pending image is dropped and the confirmed app boots without a test boot', () => {
    const d = new Device();
    d.download(v2, 2);
    equal(d.esp.boot(), 1);
    d.slots.revert();
    ok(d.esp.calls.includes('setBoot 0') && d.esp.calls.includes('markValid'), 'esp_ota_set_boot_partition(running) + mark valid');
    equal(d.esp.boot(), 0);
    d.reset();
    deepEqual(d.slots.bootState(), { running: 0, testing: false });
    equal(runBootFlow(d.deps, () => true).kind, 'restarted');

    // During a download: the OTA handle is aborted, nothing is pending.
    const session = d.agent.begin(envelopeFor(v2, 2, [alice]));
    session.write(v2.subarray(0, CHUNK));
    d.slots.revert();
    ok(d.esp.calls.includes('abort'), 'esp_ota_abort');
    equal(d.esp.boot(), 0);
    throws(() => d.slots.write(1, CHUNK, v2.subarray(CHUNK, 2 * CHUNK)), 'suit.slot-failed', 'no handle after revert');
  });

  it('refuses to erase or write the running slot, and to erase during a test boot', () => {
    const d = new Device();
    const before = d.esp.calls.length;
    const e = throws(() => d.slots.erase(0, 4096), 'suit.slot-failed', 'erase running');
    ok(/running slot/.test(e.message), e.message);
    throws(() => d.slots.write(0, 0, v2.subarray(0, 16)), 'suit.slot-failed', 'write running');
    throws(() => d.slots.markPending(0), 'suit.slot-failed', 'mark running pending');
    equal(d.esp.calls.length, before, 'refused before any ESP-IDF call');
    throws(() => d.slots.erase(1, SIZES[1] + 1), 'suit.slot-failed', 'larger than the partition');
    throws(() => d.slots.erase(2, 16), 'suit.slot-failed', 'no such slot');

    d.download(v2, 2);
    d.reset();
    // ESP-IDF refuses esp_ota_begin while the running app is pending-verify.
    const t = throws(() => d.slots.erase(0, 4096), 'suit.slot-failed', 'erase in a test boot');
    ok(/ESP_ERR_OTA_ROLLBACK_INVALID_STATE/.test(t.message), t.message);
    equal(runBootFlow(d.deps, () => true).kind, 'confirmed');
  });

  it('writes are sequential from the erase, inside the erased range', () => {
    const d = new Device();
    throws(() => d.slots.write(1, 0, v2.subarray(0, 100)), 'suit.slot-failed', 'write before erase');
    d.slots.erase(1, 8192);
    d.slots.write(1, 0, v2.subarray(0, 100));
    const writes = (): number => d.esp.calls.filter((c) => c.startsWith('write')).length;
    equal(writes(), 1);
    const gap = throws(() => d.slots.write(1, 200, v2.subarray(200, 300)), 'suit.slot-failed', 'gap');
    ok(/next sequential offset is 100/.test(gap.message), gap.message);
    throws(() => d.slots.write(1, 0, v2.subarray(0, 100)), 'suit.slot-failed', 'rewrite');
    throws(() => d.slots.write(1, 100, new Uint8Array(8100)), 'suit.slot-failed', 'beyond the erased range');
    equal(writes(), 1, 'no refused write reached esp_ota_write');
    d.slots.write(1, 100, v2.subarray(100, 200));
    deepEqual(d.slots.read(1, 0, 200), v2.subarray(0, 200));
  });

  it('an ESP-IDF failure is suit.slot-failed and leaves no OTA handle behind', () => {
    const d = new Device();
    d.slots.erase(1, 4096);
    const bad = throws(() => d.slots.write(1, 0, new Uint8Array(64)), 'suit.slot-failed', 'not an ESP app image');
    ok(/ESP_ERR_OTA_VALIDATE_FAILED/.test(bad.message), bad.message);
    throws(() => d.slots.write(1, 0, v2.subarray(0, 64)), 'suit.slot-failed', 'the handle is gone');
    throws(() => d.slots.markPending(1), 'suit.slot-failed', 'nothing to mark pending');
    equal(d.esp.boot(), -1, 'otadata untouched');
    throws(() => d.slots.confirm(), 'suit.slot-failed', 'confirm outside a test boot');
    ok(!d.esp.calls.includes('markValid'), 'confirm never marks a non-test app valid');
    // The next erase starts over.
    d.download(v2, 2);
    equal(d.esp.boot(), 1);
  });
});

describe('nrf52 / lin firmware slots (firmware-slot-none.ts)', () => {
  it('boots normally and refuses every slot operation with suit.slot-failed', () => {
    const slots = openFirmwareSlots();
    ok(slots instanceof NoFirmwareSlots);
    deepEqual(slots.bootState(), { running: 0, testing: false });
    equal(slots.capacity, 0);
    for (const op of [() => slots.erase(1, 16), () => slots.write(1, 0, new Uint8Array(1)), () => slots.read(0, 0, 1), () => slots.markPending(1), () => slots.confirm(), () => slots.revert()]) {
      const e = throws(op, 'suit.slot-failed');
      ok(/no firmware update slot/.test(e.message), e.message);
    }
    const kv = new MemoryKv();
    const sequence = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(9), suite }).monotonic();
    throws(() => new UpdateAgent({ suite, slots, kv, sequence, policy, device: { vendorId: VENDOR, classId: CLASS } }), 'suit.unsupported', 'no A/B pair');
    deepEqual(runBootFlow({ suite, slots, kv, sequence }, () => true), { kind: 'normal', slot: 0 });
  });
});
