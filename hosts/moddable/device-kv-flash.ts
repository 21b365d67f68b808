import type { KvStore } from '../../firmware/storage/kv';
import { TwoCopyKv } from '../../firmware/storage/two-copy-kv';
import { FlashRecordAreas } from './flash-records';

/** nRF52: the two-copy record layer over the "storage" flash partition (one partition: the domain is not used). */
export function openDeviceKv(_domain: string): KvStore {
  return new TwoCopyKv(new FlashRecordAreas('storage'));
}
