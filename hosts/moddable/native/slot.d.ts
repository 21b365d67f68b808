// Declarations of native/esp32/slot.js (module "hosts/moddable/native/slot", esp32 only).
export function readUpdate(offset: number, byteLength: number): ArrayBuffer;
export function runningState(): 'new' | 'pending-verify' | 'valid' | 'invalid' | 'aborted' | 'undefined';
export function markValid(): void;
export function rollback(): void;
