// An in-memory ESP-IDF 5.x app_update model behind the EspOtaNative interface
// (what native/esp32/modSlotEsp32.c calls), for Esp32Slots tests: two OTA app
// partitions in NOR flash (erase to 0xff, a write ANDs bits in), the two
// otadata entries (sequence number + image state) and the boot loader's
// choice with CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE. Names and rules follow
// esp_ota_ops.c and bootloader_utility.c; errors carry the esp_err_t name as
// the C module's messages do. A restart (rollback) throws DeviceRestart; the
// test then calls reset(), the boot loader.
import type { EspOtaNative } from '../../hosts/moddable/firmware-slot-esp32';

const SECTOR = 4096;
const IMAGE_MAGIC = 0xe9; // ESP_IMAGE_HEADER_MAGIC

type ImgState = 'new' | 'pending-verify' | 'valid' | 'invalid' | 'aborted' | 'undefined';

interface OtaEntry {
  seq: number;
  state: ImgState;
}

/** esp_restart(): the app stops here. */
export class DeviceRestart extends Error {
  constructor(readonly why: string) {
    super(`restart: ${why}`);
    this.name = 'DeviceRestart';
  }
}

function espError(fn: string, name: string): Error {
  return new Error(`${fn}: ${name}`);
}

export class FakeEspOta implements EspOtaNative {
  readonly flash: Uint8Array[];
  /** The two otadata sectors; undefined = erased (0xffffffff). */
  readonly otadata: (OtaEntry | undefined)[] = [undefined, undefined];
  #running = 0;
  #handle: { slot: number; wrote: number } | undefined;
  /** Calls into the fake, for the test's checks. */
  readonly calls: string[] = [];
  restarts = 0;

  /** Flashed by the factory: `image` in ota_0, otadata blank (the boot loader then takes ota_0). */
  constructor(sizes: readonly [number, number], image: Uint8Array) {
    this.flash = sizes.map((n) => new Uint8Array(n).fill(0xff));
    this.flash[0].set(image);
    this.reset();
  }

  // --- otadata (esp_ota_ops.c, bootloader_common.c) ---

  static #usable(e: OtaEntry | undefined): e is OtaEntry {
    return e !== undefined && e.state !== 'invalid' && e.state !== 'aborted';
  }

  /** bootloader_common_get_active_otadata: the usable entry with the highest sequence, or -1. */
  #active(): number {
    const [a, b] = this.otadata;
    if (FakeEspOta.#usable(a) && FakeEspOta.#usable(b)) return a.seq >= b.seq ? 0 : 1;
    if (FakeEspOta.#usable(a)) return 0;
    if (FakeEspOta.#usable(b)) return 1;
    return -1;
  }

  static #slotOf(seq: number): number {
    return (seq - 1) % 2;
  }

  #loadable(slot: number): boolean {
    return this.flash[slot][0] === IMAGE_MAGIC;
  }

  /** esp_rewrite_ota_data: the other sector gets the next sequence for `slot`, state NEW (rollback enabled). */
  #rewrite(slot: number): void {
    const active = this.#active();
    if (active === -1) {
      this.otadata[0] = { seq: slot + 1, state: 'new' };
      return;
    }
    const seq = this.otadata[active]!.seq;
    let i = 0;
    while (seq > ((slot + 1) % 2) + i * 2) i++;
    this.otadata[active ^ 1] = { seq: ((slot + 1) % 2) + i * 2, state: 'new' };
  }

  /** The reset: RAM (the handle) is lost, the boot loader picks the app. */
  reset(): number {
    this.#handle = undefined;
    let active = this.#active();
    if (active !== -1 && this.otadata[active]!.state === 'pending-verify') {
      // A test boot that was never confirmed: aborted, never selected again.
      this.otadata[active]!.state = 'aborted';
      active = this.#active();
    }
    let slot = 0;
    if (active !== -1) {
      const entry = this.otadata[active]!;
      slot = FakeEspOta.#slotOf(entry.seq);
      if (entry.state === 'new') entry.state = 'pending-verify';
    }
    // bootloader_utility_load_boot_image: the chosen slot, else the other one that loads.
    if (!this.#loadable(slot)) slot ^= 1;
    if (!this.#loadable(slot)) throw new Error('no bootable app');
    this.#running = slot;
    return slot;
  }

  #partition(slot: number): Uint8Array {
    if (slot !== 0 && slot !== 1) throw new Error(`no slot ${slot}`);
    return this.flash[slot];
  }

  // --- EspOtaNative ---

  running(): number {
    this.calls.push('running');
    return this.#running;
  }

  boot(): number {
    this.calls.push('boot');
    const active = this.#active();
    return active === -1 ? -1 : FakeEspOta.#slotOf(this.otadata[active]!.seq);
  }

  pendingVerify(): boolean {
    // esp_ota_get_state_partition: the first entry (index order) naming the slot.
    for (const e of this.otadata) if (e !== undefined && FakeEspOta.#slotOf(e.seq) === this.#running) return e.state === 'pending-verify';
    return false; // ESP_ERR_NOT_FOUND
  }

  size(slot: number): number {
    return this.#partition(slot).length;
  }

  begin(slot: number, byteLength: number): void {
    this.calls.push(`begin ${slot} ${byteLength}`);
    const part = this.#partition(slot);
    if (byteLength <= 0 || byteLength > part.length) throw new RangeError(`erase of ${byteLength} bytes outside the ${part.length}-byte partition`);
    this.#handle = undefined; // the C module aborts an open handle first
    if (slot === this.#running) throw espError('esp_ota_begin', 'ESP_ERR_OTA_PARTITION_CONFLICT');
    if (this.pendingVerify()) throw espError('esp_ota_begin', 'ESP_ERR_OTA_ROLLBACK_INVALID_STATE');
    const aligned = Math.ceil(byteLength / SECTOR) * SECTOR;
    if (aligned > part.length) throw espError('esp_ota_begin', 'ESP_ERR_INVALID_SIZE');
    part.fill(0xff, 0, aligned);
    this.#handle = { slot, wrote: 0 };
  }

  write(data: Uint8Array): void {
    this.calls.push(`write ${data.length}`);
    const handle = this.#handle;
    if (handle === undefined) throw new Error('write without esp_ota_begin');
    const fail = (name: string): never => {
      this.#handle = undefined; // the C module aborts the handle
      throw espError('esp_ota_write', name);
    };
    if (handle.wrote === 0 && data[0] !== IMAGE_MAGIC) fail('ESP_ERR_OTA_VALIDATE_FAILED');
    const part = this.flash[handle.slot];
    if (handle.wrote + data.length > part.length) fail('ESP_ERR_INVALID_SIZE');
    for (let i = 0; i < data.length; i++) part[handle.wrote + i] &= data[i]; // NOR: bits only clear
    handle.wrote += data.length;
  }

  finish(): void {
    this.calls.push('finish');
    const handle = this.#handle;
    if (handle === undefined) throw new Error('finish without esp_ota_begin');
    this.#handle = undefined; // esp_ota_end frees it in every case
    if (handle.wrote === 0) throw espError('esp_ota_end', 'ESP_ERR_INVALID_ARG');
    if (!this.#loadable(handle.slot)) throw espError('esp_ota_end', 'ESP_ERR_OTA_VALIDATE_FAILED');
    this.#rewrite(handle.slot);
  }

  abort(): void {
    this.calls.push('abort');
    this.#handle = undefined;
  }

  read(slot: number, offset: number, length: number): ArrayBuffer {
    const part = this.#partition(slot);
    if (offset < 0 || length < 0 || offset + length > part.length) throw new RangeError(`read of ${length} bytes at ${offset} outside the ${part.length}-byte partition`);
    return part.slice(offset, offset + length).buffer;
  }

  setBoot(slot: number): void {
    this.calls.push(`setBoot ${slot}`);
    if (!this.#loadable(slot)) throw espError('esp_ota_set_boot_partition', 'ESP_ERR_OTA_VALIDATE_FAILED');
    this.#rewrite(slot);
  }

  markValid(): void {
    this.calls.push('markValid');
    const active = this.#active();
    if (active === -1) throw espError('esp_ota_mark_app_valid_cancel_rollback', 'ESP_FAIL');
    this.otadata[active]!.state = 'valid';
  }

  rollback(): never {
    this.calls.push('rollback');
    const active = this.#active();
    if (active === -1) throw espError('esp_ota_mark_app_invalid_rollback_and_reboot', 'ESP_FAIL');
    // check_rollback_is_possible: the other entry must be usable and its app must load.
    const last = this.otadata[active ^ 1];
    if (!FakeEspOta.#usable(last) || !this.#loadable(FakeEspOta.#slotOf(last.seq))) {
      this.restarts += 1; // ESP_ERR_OTA_ROLLBACK_FAILED: the C module restarts anyway
      throw new DeviceRestart('no previous otadata entry; the boot loader aborts the test boot');
    }
    this.otadata[active]!.state = 'invalid';
    this.restarts += 1;
    throw new DeviceRestart('rollback');
  }
}
