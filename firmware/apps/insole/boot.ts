// A smart insole, portable: the device agent (firmware/apps/device) plus its
// measurement, the steps one foot took since the last report (data class
// `gait`, body {s: steps, f: "l" | "r"}; firmware/apps/readings/README.md).
// Which foot comes from the host (hosts/moddable/main-insole.ts reads it from
// the build config). Nothing runs at import.
import { TinydidError } from '../../errors/tinydid-error';
import { DeviceAgent } from '../device/agent';
import { deviceApp, type DeviceApp } from '../device/app';
import type { DeviceSeams } from '../device/seams';

export type InsoleSeams = DeviceSeams;
/** `measure(steps)`, `signedReading(steps)`. */
export type Insole = DeviceApp;
export type Side = 'left' | 'right';

/** The reading's data class (message type `https://tinydid.org/r/1.0/gait`). */
export const GAIT = 'gait';
/** Most steps in one report (a report a minute or so; bounds a bad sensor value). */
export const MAX_STEPS = 100000;

/** The body of a gait reading; `reading.malformed` for a negative, fractional or too large count. */
export function gaitValues(side: Side, steps: number): { f: string; s: number } {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_STEPS) throw new TinydidError('reading.malformed', `steps must be an integer of 0..${MAX_STEPS}, got ${String(steps)}`);
  // Members in the order deterministic CBOR puts them (RFC 8949 section 4.2.1), as the phone decodes them.
  return { f: side === 'left' ? 'l' : 'r', s: steps };
}

/** Boots one insole; `side` is the foot it is made for. */
export function bootInsole(seams: InsoleSeams, side: Side): Insole {
  if (side !== 'left' && side !== 'right') throw new TinydidError('reading.malformed', `side must be left or right, got ${String(side)}`);
  return deviceApp(new DeviceAgent(seams), GAIT, (steps) => gaitValues(side, steps));
}
