import BLEServer, { type Characteristic, type Client } from 'bleserver';
import { Bytes } from 'btutils';
import type { Clock } from '../../firmware/host/clock';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { FramedLink } from '../../firmware/transport/framed-link';
import type { FramingLimits } from '../../firmware/transport/limits';
import type { FrameChannel, Link } from '../../firmware/transport/link';

/**
 * ATT payload of a notification or write: ATT_MTU - 3 (Bluetooth Core 5.3,
 * Vol 3, Part F, 3.4.7.1). Before the MTU exchange ATT_MTU is 23 (Part F,
 * 3.2.8), so frames are 20 bytes; nRF52's SoftDevice allows up to 247
 * (NRF_SDH_BLE_GATT_MAX_MTU_SIZE), NimBLE on ESP32 up to 517.
 */
export const ATT_HEADER = 3;
export const DEFAULT_ATT_MTU = 23;
/** Characteristic size in bleservices/tinydid.json (maxBytes): frames never exceed it. */
export const MAX_FRAME_BYTES = 244;

export interface BleLinkOptions {
  deviceName: string;
  /** 128-bit UUID of the tinydid GATT service (manifest config.tinydid.bleService). */
  service: string;
  clock: Clock;
  limits?: Partial<FramingLimits>;
  /** A new link for each connection, once its MTU is known. */
  onLink(link: Link): void;
  /** The connection went away; the link is closed already. */
  onUnlink?(): void;
}

/** A 128-bit UUID string as btutils Bytes (little-endian, as the uuid`` tag makes it). */
function serviceUuid(text: string): Bytes {
  return new Bytes(text.split('-').join(''), true);
}

/** One BLE connection's frames: writes to "rx" come in, notifications on "tx" go out. */
class GattFrameChannel implements FrameChannel {
  readonly mtu: number;
  #server: BleGattPeripheral;
  #handler: ((frame: Uint8Array) => void) | undefined;
  #open = true;

  constructor(server: BleGattPeripheral, mtu: number) {
    this.#server = server;
    this.mtu = mtu;
  }

  sendFrame(frame: Uint8Array): Promise<void> {
    if (!this.#open) return Promise.reject(new TinydidError('transport.closed', 'BLE connection closed'));
    const tx = this.#server.tx;
    if (tx === undefined) return Promise.reject(new TinydidError('transport.closed', 'the central has not enabled notifications'));
    this.#server.notifyValue(tx, frame);
    return Promise.resolve();
  }

  receiveFrames(handler: (frame: Uint8Array) => void): void {
    this.#handler = handler;
  }

  deliver(frame: Uint8Array): void {
    if (this.#open) this.#handler?.(frame);
  }

  close(): void {
    this.#open = false;
  }
}

/**
 * BLE GATT peripheral carrying compact DIDComm messages: one service with an
 * "rx" characteristic the phone writes frames to and a "tx" characteristic
 * the device notifies frames on (manifests/<product>/bleservices/tinydid.json).
 * Frames follow firmware/transport (FramedLink), cut to the negotiated MTU:
 * the link for a connection is made when the central enables notifications,
 * with the MTU known at that time (the exchange normally precedes it); a later
 * MTU change makes a new link.
 */
export class BleGattPeripheral extends BLEServer {
  tx: Characteristic | undefined;
  #options: BleLinkOptions;
  #attMtu = DEFAULT_ATT_MTU;
  #channel: GattFrameChannel | undefined;
  #link: FramedLink | undefined;

  constructor(options: BleLinkOptions) {
    super();
    this.#options = options;
  }

  override onReady(): void {
    this.deviceName = this.#options.deviceName;
    this.#advertise();
  }

  #advertise(): void {
    this.startAdvertising({
      advertisingData: { flags: 6, completeName: this.deviceName, completeUUID128List: [serviceUuid(this.#options.service)] },
    });
  }

  override onConnected(_device: Client): void {
    this.#attMtu = DEFAULT_ATT_MTU;
    this.stopAdvertising();
  }

  override onMTUExchanged(_device: Client, mtu: number): void {
    this.#attMtu = mtu;
    if (this.tx !== undefined) this.#relink();
  }

  override onCharacteristicNotifyEnabled(characteristic: Characteristic): void {
    if (characteristic.name !== 'tx') return;
    this.tx = characteristic;
    this.#relink();
  }

  override onCharacteristicNotifyDisabled(characteristic: Characteristic): void {
    if (characteristic.name === 'tx') this.#unlink();
  }

  override onCharacteristicWritten(characteristic: Characteristic, value: ArrayBuffer): void {
    if (characteristic.name === 'rx') this.#channel?.deliver(new Uint8Array(value));
  }

  override onDisconnected(_device: Client): void {
    this.#unlink();
    this.#advertise();
  }

  #relink(): void {
    this.#link?.close();
    const frameBytes = Math.min(this.#attMtu - ATT_HEADER, MAX_FRAME_BYTES);
    this.#channel = new GattFrameChannel(this, frameBytes);
    this.#link = new FramedLink(this.#channel, this.#options.clock, this.#options.limits);
    this.#options.onLink(this.#link);
  }

  #unlink(): void {
    const had = this.#link !== undefined;
    this.#link?.close();
    this.#link = undefined;
    this.#channel = undefined;
    this.tx = undefined;
    if (had) this.#options.onUnlink?.();
  }
}
