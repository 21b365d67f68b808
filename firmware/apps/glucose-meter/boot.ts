// The glucose meter, portable: the device agent (firmware/apps/device) plus
// its one measurement, a glucose reading in mg/dL (data class `glucose`,
// body {v: mg/dL}; firmware/apps/readings/README.md). Seams come from the
// host (hosts/moddable/main-glucose-meter.ts on the device). Nothing runs at
// import.
import { TinydidError } from '../../errors/tinydid-error';
import { DeviceAgent } from '../device/agent';
import { deviceApp, type DeviceApp } from '../device/app';
import type { DeviceSeams } from '../device/seams';

/** The seams of every device product (firmware/apps/device/seams.ts). */
export type GlucoseMeterSeams = DeviceSeams;
/** `measure(mgdl)`, `signedReading(mgdl)`. */
export type GlucoseMeter = DeviceApp;

/** The reading's data class (message type `https://tinydid.org/r/1.0/glucose`). */
export const GLUCOSE = 'glucose';
/** What the meter can measure, mg/dL (a meter shows "LO"/"HI" outside). */
export const GLUCOSE_RANGE = Object.freeze({ min: 10, max: 1000 });

/** The body of a glucose reading; `reading.malformed` outside GLUCOSE_RANGE. */
export function glucoseValues(mgdl: number): { v: number } {
  if (!Number.isInteger(mgdl) || mgdl < GLUCOSE_RANGE.min || mgdl > GLUCOSE_RANGE.max) {
    throw new TinydidError('reading.malformed', `a glucose reading is an integer of ${GLUCOSE_RANGE.min}..${GLUCOSE_RANGE.max} mg/dL, got ${String(mgdl)}`);
  }
  return { v: mgdl };
}

/** Boots the meter: the device agent with its identity, DID and label (firmware/apps/device). */
export function bootGlucoseMeter(seams: GlucoseMeterSeams): GlucoseMeter {
  return deviceApp(new DeviceAgent(seams), GLUCOSE, glucoseValues);
}
