// Declarations of native/esp32/slot.js (module "hosts/moddable/native/slot", esp32 only).
export function running(): number;
export function boot(): number;
export function pendingVerify(): boolean;
export function size(slot: number): number;
export function begin(slot: number, byteLength: number): void;
export function write(data: Uint8Array): void;
export function finish(): void;
export function abort(): void;
export function read(slot: number, offset: number, length: number): ArrayBuffer;
export function setBoot(slot: number): void;
export function markValid(): void;
export function rollback(): never;
