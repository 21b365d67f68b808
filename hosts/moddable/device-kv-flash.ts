import type { KvStore } from '../../firmware/storage/kv';
import { TwoCopyKv } from '../../firmware/storage/two-copy-kv';
import { FlashRecordAreas } from './flash-records';

/** nRF52: the two-copy record layer over the "storage" flash partition. */
export function openDeviceKv(): KvStore {
  return new TwoCopyKv(new FlashRecordAreas('storage'));
}
