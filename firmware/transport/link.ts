/**
 * The Link seam (DESIGN section 3): a link carries whole messages between two
 * agents. A host implements it directly when its medium carries messages of
 * any size (MQTT, an in-memory pipe), or implements a FrameChannel and wraps it
 * in a FramedLink (framed-link.ts) when its medium has a small MTU (a BLE GATT
 * characteristic, a UART), so the framing is the same on the device and in
 * the simulator.
 */
import type { TinydidError } from '../errors/tinydid-error';

/** What a link tells its receiver. */
export interface LinkReceiver {
  /** One whole message. */
  message(bytes: Uint8Array): void;
  /** A message that was lost on the way (bad frame, timeout, too large); the link stays up. */
  error?(error: TinydidError): void;
}

export interface Link {
  /** Largest message the link carries, in bytes. */
  readonly maxMessageBytes: number;
  /** Sends one whole message; resolves once the medium took all of it. */
  send(message: Uint8Array): Promise<void>;
  /** Sets the receiver of incoming messages (replacing any previous one). */
  receive(receiver: LinkReceiver): void;
  /** Stops the link; a later send rejects with `transport.closed`. */
  close(): void;
}

/** A packet-level medium with a small MTU, as a BLE characteristic or a UART offers it. */
export interface FrameChannel {
  /** Largest frame in bytes (on BLE: ATT_MTU - 3 for a notification or write). */
  readonly mtu: number;
  /** Sends one frame of at most `mtu` bytes. */
  sendFrame(frame: Uint8Array): Promise<void>;
  /** Sets the handler of incoming frames. */
  receiveFrames(handler: (frame: Uint8Array) => void): void;
  close(): void;
}
