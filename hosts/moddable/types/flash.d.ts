// $(MODULES)/files/flash: raw access to a named flash partition ("storage",
// "xs", "running"; nRF52 "storage" is 64 KB unless the manifest defines
// file.lfs.partition.size). Offsets are relative to the partition; erase
// takes a sector index.
declare module 'flash' {
  export default class Flash {
    constructor(partition: string);
    erase(sector: number): void;
    read(offset: number, byteLength: number): ArrayBuffer;
    write(offset: number, byteLength: number, buffer: ArrayBuffer | ArrayBufferView): void;
    readonly byteLength: number;
    readonly blockSize: number;
  }
}
