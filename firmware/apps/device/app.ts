// The face every product app shows its host (and the footprint tool): the
// device agent's DID, label, controller and inbound messages, and the
// product's one measurement as a reading for the controller or for a log.
import type { JsonObject } from '../../jose/json';
import type { DeviceAgent, PackedReading } from './agent';

export interface DeviceApp {
  readonly agent: DeviceAgent;
  readonly did: string;
  /** The label's QR text while not onboarded, else undefined. */
  readonly label: string | undefined;
  readonly controller: string | undefined;
  /** A compact message from the link; the answer to send back, if any. */
  receive(bytes: Uint8Array): Uint8Array | undefined;
  /** A reading for the controller (signed, then authcrypted); `didcomm.no-key` before onboarding. */
  measure(value: number): PackedReading;
  /** The same reading signed only, for a log (not numbered, not chained). */
  signedReading(value: number): Uint8Array;
}

/** The app of a product whose readings are `dataClass` with the body `values(value)` makes (it throws for a bad value). */
export function deviceApp(agent: DeviceAgent, dataClass: string, values: (value: number) => JsonObject): DeviceApp {
  return Object.freeze({
    agent,
    did: agent.did,
    get label() {
      return agent.label;
    },
    get controller() {
      return agent.controller;
    },
    receive: (bytes: Uint8Array) => agent.receive(bytes),
    measure: (value: number) => agent.packReading(dataClass, values(value)),
    signedReading: (value: number) => agent.signedReading(dataClass, values(value)),
  });
}
