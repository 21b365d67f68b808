// $(MODULES)/network/ble: the GATT server (BLEServer), UUID helpers (btutils).
// Only what hosts/moddable/ble-link.ts uses.
declare module 'btutils' {
  export class Bytes extends ArrayBuffer {
    constructor(bytes: ArrayBuffer | string, littleEndian?: boolean);
    equals(other: Bytes): boolean;
  }
  export function uuid(strings: TemplateStringsArray, ...keys: unknown[]): Bytes;
}

declare module 'bleserver' {
  import type { Bytes } from 'btutils';
  export interface Characteristic {
    readonly uuid: Bytes;
    readonly name: string;
    readonly type: string;
    readonly handle: number;
  }
  export interface Client {
    readonly connection: number;
    readonly address: Bytes;
  }
  export interface AdvertisementData {
    flags?: number;
    completeName?: string;
    shortName?: string;
    completeUUID128List?: Bytes[];
    incompleteUUID128List?: Bytes[];
  }
  export default class BLEServer {
    constructor(dictionary?: Record<string, unknown>);
    deviceName: string;
    readonly localAddress: Bytes;
    onReady(): void;
    startAdvertising(params: { advertisingData: AdvertisementData; scanResponseData?: AdvertisementData; connectable?: boolean; discoverable?: boolean; fast?: boolean }): void;
    stopAdvertising(): void;
    notifyValue(characteristic: Characteristic, value: ArrayBuffer | ArrayBufferView): void;
    exchangeMTU(mtu: number): void;
    onMTUExchanged(device: Client, mtu: number): void;
    onCharacteristicNotifyEnabled(characteristic: Characteristic): void;
    onCharacteristicNotifyDisabled(characteristic: Characteristic): void;
    onCharacteristicWritten(characteristic: Characteristic, value: ArrayBuffer): void;
    onCharacteristicRead(characteristic: Characteristic): ArrayBuffer | undefined;
    onConnected(device: Client): void;
    onDisconnected(device: Client): void;
    disconnect(): void;
    close(): void;
  }
}
