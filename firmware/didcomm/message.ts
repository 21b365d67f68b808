import type { JsonObject, JsonValue } from '../jose/json';

/**
 * DIDComm Messaging v2 attachment (spec section "Attachments"). `data` holds
 * exactly one of base64 / json / links (links with a hash); other members of
 * the attachment and of `data` are kept as they came.
 */
export interface AttachmentData {
  base64?: string;
  json?: JsonValue;
  links?: string[];
  hash?: string;
  jws?: JsonValue;
  [member: string]: JsonValue | undefined;
}

export interface Attachment {
  id?: string;
  description?: string;
  filename?: string;
  media_type?: string;
  format?: string;
  lastmod_time?: number;
  byte_count?: number;
  data: AttachmentData;
  [member: string]: JsonValue | AttachmentData | undefined;
}

/**
 * The one message model (DESIGN section 4): a DIDComm Messaging v2 plaintext
 * (spec section "Plaintext Message Structure"), independent of its encoding.
 * The JSON encoding (message-json.ts) adds `typ`; the compact CBOR encoding
 * maps the named headers to integer keys. Headers the spec does not define are
 * kept in `extra`, in order, so both encodings carry them losslessly.
 */
export interface Message {
  id: string;
  type: string;
  body: JsonObject;
  from?: string;
  to?: string[];
  thid?: string;
  pthid?: string;
  /** UTC epoch seconds. */
  created_time?: number;
  /** UTC epoch seconds; unpack rejects the message after this time. */
  expires_time?: number;
  /** Compact JWS (a JWT) signed by the prior DID (spec section "DID Rotation"). */
  from_prior?: string;
  attachments?: Attachment[];
  /** Unknown headers, kept. Never holds a named header or `typ`. */
  extra?: Record<string, JsonValue>;
}

/** Header names the model defines, in the order the JSON encoding writes them. */
export const MESSAGE_HEADERS = Object.freeze(['id', 'type', 'from', 'to', 'thid', 'pthid', 'created_time', 'expires_time', 'body', 'attachments', 'from_prior'] as const);

/** Media types (spec section "IANA Media Types"). */
export const MEDIA_TYPES = Object.freeze({
  plainJson: 'application/didcomm-plain+json',
  signedJson: 'application/didcomm-signed+json',
  encryptedJson: 'application/didcomm-encrypted+json',
});
