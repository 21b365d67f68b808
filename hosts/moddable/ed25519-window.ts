/**
 * Window size of @noble/curves' precomputed Ed25519 base-point table on the
 * device. noble's default is 6 (ed25519 builds the table on first use:
 * ceil((253 + 128) / 6) + 1 = 65 windows of 2^5 points, four 256-bit BigInt
 * coordinates each): fast, but far beyond a 128 KB heap. 1 disables the table
 * (the constant-time fixed-window ladder is used instead). Chosen from the
 * figures of tools/firmware/footprint.ts (hosts/moddable/README.md, "Heap").
 */
export const ED25519_BASE_WINDOW = 1;
