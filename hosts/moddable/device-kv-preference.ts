import type { KvStore } from '../../firmware/storage/kv';
import { PreferenceKv } from './kv-preference';

/** ESP32 (NVS, atomic per key) and the Linux simulator: records in Preference. */
export function openDeviceKv(domain: string): KvStore {
  return new PreferenceKv(domain);
}
