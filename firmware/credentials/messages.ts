/**
 * DIDComm message types of the consent protocol (the wiring into a DIDComm
 * agent is done by the agent; this module only names them). Every payload is
 * the bytes of one token, carried as an attachment with the media type given.
 */
export const CONSENT_MESSAGES = Object.freeze({
  /** Device -> controller: body {nonce: base64url}, from TrustedTime.challenge(). */
  timeRequest: 'https://tinydid.org/consent/1.0/time-request',
  /** Controller -> device: a time statement (application/tinydid-time+cwt) for TrustedTime.accept(). */
  time: 'https://tinydid.org/consent/1.0/time',
  /** Grantor -> device: a status list token (application/statuslist+cwt) for StatusListStore.receive(). */
  statusList: 'https://tinydid.org/consent/1.0/status-list',
  /** Controller -> device: asks for the audit log. */
  auditRequest: 'https://tinydid.org/consent/1.0/audit-request',
  /** Device -> controller: AuditLog.export() (application/tinydid-audit+cbor). */
  audit: 'https://tinydid.org/consent/1.0/audit',
});
