// The firmware-update protocol (issue item 6), transport-independent: plain
// message objects and two state machines, one per side. A DIDComm agent
// carries them as the `body` of DIDComm messages (the `type` and `thid` map
// one to one); an in-memory exchange drives them in the tests.
//
//   gateway                          device
//   offer {envelope, size}   ->      check manifest + policy, erase the slot
//                            <-      request-chunk {offset, length}
//   chunk {offset, data}     ->      write + hash; repeat
//                            <-      report {status: 'pending-reboot', sequence}
//                                    or problem-report {code: 'suit.<reason>'}
//
// The protocol is tinydid's own: its type URIs live under a tinydid-owned
// namespace, not didcomm.org. Problem reports use the registered DIDComm v2
// report-problem protocol, with the TinydidError code in the descriptor.
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import type { UpdateAgent } from './agent';
import type { UpdateSession } from './session';

export const FIRMWARE_UPDATE_PROTOCOL = 'https://tinydid.dev/protocols/firmware-update/1.0';

export const FIRMWARE_UPDATE_TYPES = Object.freeze({
  offer: `${FIRMWARE_UPDATE_PROTOCOL}/offer`,
  requestChunk: `${FIRMWARE_UPDATE_PROTOCOL}/request-chunk`,
  chunk: `${FIRMWARE_UPDATE_PROTOCOL}/chunk`,
  report: `${FIRMWARE_UPDATE_PROTOCOL}/report`,
  /** DIDComm Messaging v2 section "Problem Reports" (report-problem 2.0). */
  problemReport: 'https://didcomm.org/report-problem/2.0/problem-report',
});

/** Largest chunk a device asks for by default (fits a BLE-framed DIDComm message). */
export const DEFAULT_CHUNK = 4096;

export interface OfferBody {
  /** The SUIT envelope (with or without integrated payload). */
  readonly envelope: Uint8Array;
}
export interface RequestChunkBody {
  readonly offset: number;
  readonly length: number;
}
export interface ChunkBody {
  readonly offset: number;
  readonly data: Uint8Array;
}
export interface ReportBody {
  /** The image is verified and marked pending; the device reboots into its test boot. */
  readonly status: 'pending-reboot';
  readonly sequence: number;
  readonly size: number;
}
export interface ProblemReportBody {
  /** `e.p.<tinydid code>`: error, protocol-scope (report-problem 2.0 code format). */
  readonly code: string;
  readonly comment: string;
}

export type UpdateMessage =
  | { readonly id: string; readonly type: typeof FIRMWARE_UPDATE_TYPES.offer; readonly thid?: string; readonly body: OfferBody }
  | { readonly id: string; readonly type: typeof FIRMWARE_UPDATE_TYPES.requestChunk; readonly thid: string; readonly body: RequestChunkBody }
  | { readonly id: string; readonly type: typeof FIRMWARE_UPDATE_TYPES.chunk; readonly thid: string; readonly body: ChunkBody }
  | { readonly id: string; readonly type: typeof FIRMWARE_UPDATE_TYPES.report; readonly thid: string; readonly body: ReportBody }
  | { readonly id: string; readonly type: typeof FIRMWARE_UPDATE_TYPES.problemReport; readonly thid: string; readonly pthid?: string; readonly body: ProblemReportBody };

/** New message ids (a DIDComm agent passes its own, e.g. UUIDs from the Random seam). */
export type IdSource = () => string;

function badMessage(message: string): TinydidError {
  return new TinydidError('suit.bad-message', message);
}

function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Checks the shape of an incoming message; throws `suit.bad-message`. */
export function checkUpdateMessage(message: unknown): UpdateMessage {
  if (typeof message !== 'object' || message === null) throw badMessage('a message is an object');
  const m = message as Record<string, unknown>;
  if (typeof m.id !== 'string' || m.id.length === 0 || typeof m.type !== 'string') throw badMessage('a message needs id and type');
  const body = m.body as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) throw badMessage(`${m.type}: body must be an object`);
  if (m.type !== FIRMWARE_UPDATE_TYPES.offer && typeof m.thid !== 'string') throw badMessage(`${m.type}: thid is required`);
  switch (m.type) {
    case FIRMWARE_UPDATE_TYPES.offer:
      if (!(body.envelope instanceof Uint8Array)) throw badMessage('offer: envelope must be bytes');
      break;
    case FIRMWARE_UPDATE_TYPES.requestChunk:
      if (!isUint(body.offset) || !isUint(body.length) || body.length === 0) throw badMessage('request-chunk: offset and a positive length');
      break;
    case FIRMWARE_UPDATE_TYPES.chunk:
      if (!isUint(body.offset) || !(body.data instanceof Uint8Array)) throw badMessage('chunk: offset and data');
      break;
    case FIRMWARE_UPDATE_TYPES.report:
      if (body.status !== 'pending-reboot' || !isUint(body.sequence) || !isUint(body.size)) throw badMessage('report: status, sequence and size');
      break;
    case FIRMWARE_UPDATE_TYPES.problemReport:
      if (typeof body.code !== 'string' || typeof body.comment !== 'string') throw badMessage('problem-report: code and comment');
      break;
    default:
      throw badMessage(`unknown message type ${m.type}`);
  }
  return message as UpdateMessage;
}

function problem(id: string, thid: string, error: unknown): UpdateMessage {
  const code = isTinydidError(error) ? error.code : 'internal';
  const comment = error instanceof Error ? error.message : String(error);
  return { id, type: FIRMWARE_UPDATE_TYPES.problemReport, thid, body: { code: `e.p.${code}`, comment } };
}

/**
 * The device side. One update thread at a time: a new offer while a download
 * runs aborts the old one. Every failure is answered with a problem report
 * carrying the error code, and the session is aborted.
 */
export class FirmwareUpdateResponder {
  readonly #agent: UpdateAgent;
  readonly #ids: IdSource;
  readonly #maxChunk: number;
  #thread: string | undefined;
  #session: UpdateSession | undefined;
  #requested: RequestChunkBody | undefined;

  constructor(agent: UpdateAgent, ids: IdSource, maxChunk = DEFAULT_CHUNK) {
    this.#agent = agent;
    this.#ids = ids;
    this.#maxChunk = maxChunk;
  }

  /** Bytes received in the current thread (for progress reports). */
  get received(): number {
    return this.#session?.received ?? 0;
  }

  #next(thid: string): UpdateMessage {
    const session = this.#session as UpdateSession;
    if (session.remaining === 0) {
      const report = session.finish();
      this.#end();
      return { id: this.#ids(), type: FIRMWARE_UPDATE_TYPES.report, thid, body: { status: 'pending-reboot', sequence: report.sequence, size: report.size } };
    }
    this.#requested = { offset: session.received, length: Math.min(this.#maxChunk, session.remaining) };
    return { id: this.#ids(), type: FIRMWARE_UPDATE_TYPES.requestChunk, thid, body: this.#requested };
  }

  #end(): void {
    this.#thread = undefined;
    this.#session = undefined;
    this.#requested = undefined;
  }

  #fail(thid: string, error: unknown): UpdateMessage[] {
    this.#session?.abort();
    this.#end();
    return [problem(this.#ids(), thid, error)];
  }

  /** Handles one incoming message; returns the replies to send. */
  handle(incoming: unknown): UpdateMessage[] {
    let message: UpdateMessage;
    try {
      message = checkUpdateMessage(incoming);
    } catch (error) {
      const m = incoming as { id?: unknown; thid?: unknown } | null;
      const thid = typeof m?.thid === 'string' ? m.thid : typeof m?.id === 'string' ? m.id : 'unknown';
      if (thid === this.#thread) return this.#fail(thid, error);
      return [problem(this.#ids(), thid, error)];
    }
    if (message.type === FIRMWARE_UPDATE_TYPES.offer) {
      this.#session?.abort();
      this.#end();
      const thid = message.thid ?? message.id;
      try {
        this.#session = this.#agent.begin(message.body.envelope);
        this.#thread = thid;
        const integrated = this.#session.plan.integrated;
        if (integrated !== undefined) {
          for (let offset = 0; offset < integrated.length; offset += this.#maxChunk) this.#session.write(integrated.subarray(offset, Math.min(offset + this.#maxChunk, integrated.length)));
        }
        return [this.#next(thid)];
      } catch (error) {
        return this.#fail(thid, error);
      }
    }
    if (message.type === FIRMWARE_UPDATE_TYPES.chunk) {
      if (message.thid !== this.#thread || this.#session === undefined || this.#requested === undefined) {
        return [problem(this.#ids(), message.thid, badMessage('chunk outside an update thread'))];
      }
      try {
        const { offset, data } = message.body;
        if (offset !== this.#requested.offset || data.length === 0) throw badMessage(`chunk at ${offset}; expected ${this.#requested.offset}`);
        // A chunk longer than requested goes to the session, which refuses
        // anything past image-size (suit.image-too-long).
        this.#session.write(data);
        return [this.#next(message.thid)];
      } catch (error) {
        return this.#fail(message.thid, error);
      }
    }
    if (message.type === FIRMWARE_UPDATE_TYPES.problemReport && message.thid === this.#thread) {
      this.#session?.abort();
      this.#end();
      return [];
    }
    return [problem(this.#ids(), message.thid, badMessage(`${message.type} is not for the device side`))];
  }
}

export type SenderOutcome = { readonly kind: 'running' } | { readonly kind: 'installed'; readonly report: ReportBody } | { readonly kind: 'refused'; readonly code: string; readonly comment: string };

/** The gateway side: offers one envelope and serves the chunks the device asks for. */
export class FirmwareUpdateSender {
  readonly #envelope: Uint8Array;
  readonly #image: Uint8Array | undefined;
  readonly #ids: IdSource;
  #thread: string | undefined;
  #outcome: SenderOutcome = { kind: 'running' };
  /** Bytes sent in chunks. */
  sent = 0;

  /** `image` is the payload the manifest fetches, unless the envelope carries it. */
  constructor(envelope: Uint8Array, image: Uint8Array | undefined, ids: IdSource) {
    this.#envelope = envelope;
    this.#image = image;
    this.#ids = ids;
  }

  get outcome(): SenderOutcome {
    return this.#outcome;
  }

  offer(): UpdateMessage {
    const id = this.#ids();
    this.#thread = id;
    return { id, type: FIRMWARE_UPDATE_TYPES.offer, body: { envelope: this.#envelope } };
  }

  handle(incoming: unknown): UpdateMessage[] {
    const message = checkUpdateMessage(incoming);
    if (this.#thread === undefined || (message.type !== FIRMWARE_UPDATE_TYPES.offer && message.thid !== this.#thread)) throw badMessage('message outside the offered thread');
    switch (message.type) {
      case FIRMWARE_UPDATE_TYPES.requestChunk: {
        const { offset, length } = message.body;
        if (this.#image === undefined || offset >= this.#image.length) {
          return [problem(this.#ids(), this.#thread, badMessage(`no image bytes at ${offset}`))];
        }
        const data = this.#image.subarray(offset, Math.min(offset + length, this.#image.length));
        this.sent += data.length;
        return [{ id: this.#ids(), type: FIRMWARE_UPDATE_TYPES.chunk, thid: this.#thread, body: { offset, data } }];
      }
      case FIRMWARE_UPDATE_TYPES.report:
        this.#outcome = { kind: 'installed', report: message.body };
        return [];
      case FIRMWARE_UPDATE_TYPES.problemReport:
        this.#outcome = { kind: 'refused', code: message.body.code.replace(/^e\.p\./, ''), comment: message.body.comment };
        return [];
      default:
        throw badMessage(`${message.type} is not for the gateway side`);
    }
  }
}
