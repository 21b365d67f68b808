export function readUpdate(offset: number, byteLength: number): ArrayBuffer;
export function runningState(): 'new' | 'pending-verify' | 'valid' | 'invalid' | 'aborted' | 'undefined';
export function markValid(): void;
export function rollback(): void;
