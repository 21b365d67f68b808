// What a scenario sees of a link: carry one whole message from one agent to
// another, and say what it took (bytes, packets, attempts) and whether it
// arrived. Each kind of link implements it over the medium it simulates or
// uses: in-memory, simulated BLE (firmware/transport framing), MQTT.
export interface Transfer {
  /** The message as the receiver got it, or undefined when it was lost. */
  received: Uint8Array | undefined;
  /** Bytes of the message. */
  bytes: number;
  /** Packets that went on the medium (framed links; 1 per attempt otherwise). */
  packets: number;
  /** Bytes on the medium including frame headers, over all attempts. */
  wireBytes: number;
  /** Times the sender sent it (retries after a loss). */
  attempts: number;
  /** Virtual milliseconds the transfer took. */
  ms: number;
}

export interface SimLink {
  /** 'memory', 'ble' or 'mqtt'. */
  readonly kind: string;
  /** Label for the transcript (e.g. 'ble', 'mqtt'). */
  readonly label: string;
  /** Carries `message` from agent `from` to agent `to`. */
  transfer(from: string, to: string, message: Uint8Array): Promise<Transfer>;
  close(): Promise<void>;
}

/** In-memory link: a message arrives whole, at once (1 ms of virtual time). */
export class MemoryLink implements SimLink {
  readonly kind = 'memory';
  readonly label: string;

  constructor(label = 'memory') {
    this.label = label;
  }

  async transfer(_from: string, _to: string, message: Uint8Array): Promise<Transfer> {
    return { received: message.slice(), bytes: message.length, packets: 1, wireBytes: message.length, attempts: 1, ms: 1 };
  }

  async close(): Promise<void> {}
}
