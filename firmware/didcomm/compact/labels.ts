/**
 * Integer labels of the compact plaintext (PROFILE.md section 2). A label
 * never changes meaning; new headers get new labels. Headers without a label
 * travel under their JSON name (a text key).
 */
export const HEADER_LABEL = Object.freeze({
  id: 1,
  type: 2,
  from: 3,
  to: 4,
  thid: 5,
  pthid: 6,
  created_time: 7,
  expires_time: 8,
  body: 9,
  attachments: 10,
  from_prior: 11,
});

/** Attachment members (DIDComm v2 "Attachments"). */
export const ATTACHMENT_LABEL = Object.freeze({
  id: 1,
  description: 2,
  filename: 3,
  media_type: 4,
  format: 5,
  lastmod_time: 6,
  byte_count: 7,
  data: 8,
});

/** Members of an attachment's `data`. */
export const DATA_LABEL = Object.freeze({
  /** bstr when the JSON text is canonical unpadded base64url, else the text itself. */
  base64: 1,
  json: 2,
  links: 3,
  hash: 4,
  jws: 5,
});

/** Media types of the compact profile (PROFILE.md section 1). */
export const COMPACT_MEDIA_TYPES = Object.freeze({
  plain: 'application/didcomm-plain+cbor',
  signed: 'application/didcomm-signed+cbor',
  encrypted: 'application/didcomm-encrypted+cbor',
});

/** Label -> name of a frozen label table. */
export function invertLabels(table: Readonly<Record<string, number>>): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  for (const name of Object.keys(table)) out.set(table[name], name);
  return out;
}
