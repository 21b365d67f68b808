// The XS test lane's KV is the portable in-memory one.
export { MemoryKv } from '../../firmware/storage/memory-kv';
