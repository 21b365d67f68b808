// The glucose meter's device behaviour, portable: everything platform-specific
// (randomness, clock, log) comes in through `GlucoseMeterSeams`. The Moddable
// device host (hosts/moddable/main-glucose-meter.ts) and the simulator pass
// their own seams. Nothing runs at import.
import { ed25519 } from '@noble/curves/ed25519.js';
import { base58 } from '@scure/base';
import { concatBytes } from '../../bytes/concat';
import { toHex } from '../../bytes/hex';
import { utf8Encode } from '../../bytes/utf8';
import type { Clock } from '../../host/clock';
import type { Random } from '../../host/random';

export interface GlucoseMeterSeams {
  random: Random;
  clock: Clock;
  log(line: string): void;
}

export interface GlucoseReading {
  /** mg/dL, integer. */
  mgdl: number;
  /** Milliseconds since boot when measured (wall time may be unknown). */
  monotonicMs: number;
  /** Unix ms, or undefined when the device does not know the time. */
  wallTimeMs: number | undefined;
}

export interface SignedReading {
  reading: GlucoseReading;
  /** The signed bytes. */
  payload: Uint8Array;
  /** Ed25519 signature over `payload` (RFC 8032). */
  signature: Uint8Array;
}

export interface GlucoseMeter {
  readonly did: string;
  readonly publicKey: Uint8Array;
  measure(mgdl: number): SignedReading;
}

/** Multicodec ed25519-pub (0xed) as an unsigned varint: 0xed 0x01. */
const ED25519_PUB_MULTICODEC = Uint8Array.of(0xed, 0x01);

/** did:key for an Ed25519 public key (W3C CCG did:key section 3.1.2: 'z' is base58btc multibase). */
export function didKeyFromEd25519(publicKey: Uint8Array): string {
  return 'did:key:z' + base58.encode(concatBytes(ED25519_PUB_MULTICODEC, publicKey));
}

function encodeReading(did: string, reading: GlucoseReading): Uint8Array {
  const wall = reading.wallTimeMs === undefined ? '-' : String(reading.wallTimeMs);
  return utf8Encode(`tinydid-reading/0|${did}|glucose|${reading.mgdl}|mg/dL|${reading.monotonicMs}|${wall}`);
}

/**
 * Boots a glucose meter: generates its Ed25519 identity key from the host's
 * CSPRNG and returns a meter that signs every reading.
 */
export function bootGlucoseMeter(seams: GlucoseMeterSeams): GlucoseMeter {
  const secretKey = seams.random.fill(new Uint8Array(32));
  const publicKey = ed25519.getPublicKey(secretKey);
  const did = didKeyFromEd25519(publicKey);
  seams.log(`glucose-meter: did ${did}`);
  return Object.freeze({
    did,
    publicKey,
    measure(mgdl: number): SignedReading {
      const reading: GlucoseReading = { mgdl, monotonicMs: Math.floor(seams.clock.monotonicMs()), wallTimeMs: seams.clock.wallTimeMs() };
      const payload = encodeReading(did, reading);
      const signature = ed25519.sign(payload, secretKey);
      seams.log(`glucose-meter: reading ${mgdl} mg/dL signed ${toHex(signature)}`);
      return { reading, payload, signature };
    },
  });
}
