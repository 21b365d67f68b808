/**
 * The fixed list of TinydidError codes. A code is `<area>.<reason>`; it never
 * changes meaning once released. Each area owns one block; the test
 * test/node/error-codes.test.ts checks that every code thrown in firmware/ is
 * listed here and that every listed code is thrown somewhere.
 */
export const ERROR_CODES = Object.freeze({
  // firmware/bytes
  'bytes.bad-hex': 'text is not an even-length string of hex digits',
  'bytes.bad-base64url': 'text is not unpadded base64url (RFC 4648 section 5)',
  'bytes.bad-utf8': 'bytes are not well-formed UTF-8 (RFC 3629 section 4)',
  'bytes.bad-string': 'string holds a lone surrogate and has no UTF-8 form',
  'bytes.bad-argument': 'an argument has the wrong type or length',

  // firmware/crypto
  'crypto.bad-tag': 'an AEAD tag or MAC does not authenticate the data',
  'crypto.unwrap-failed': 'an AES key wrap integrity check failed (RFC 3394 section 2.2.3)',
  'crypto.bad-key': 'a key, nonce or public point has the wrong size or is not on the curve',
  'crypto.unsupported': 'an algorithm this crypto suite does not implement',

  // firmware/credentials: grants (RFC 8392 CWT, RFC 8747 cnf), delegation chains, VC export
  'grant.malformed': 'a grant token, its claims or its scope do not match the grant CDDL (firmware/credentials/README.md)',
  'grant.too-large': 'a grant token or chain exceeds a named limit (bytes, scope entries)',
  'grant.chain-too-long': 'a delegation chain holds more tokens than the policy allows',
  'grant.bad-signature': 'a grant or credential signature does not verify with the issuer key it names',
  'grant.wrong-signer': 'a token is signed by a key that does not belong to its issuer, or cannot be resolved',
  'grant.untrusted-root': 'the root of the chain is not issued by the device controller',
  'grant.wrong-subject': 'a token in the chain is about another device (sub)',
  'grant.broken-chain': 'a delegated token is not issued by the audience of its parent',
  'grant.delegation-denied': 'a parent token does not allow (further) delegation',
  'grant.scope-widened': 'a delegated token claims a data class or action its parent does not grant',
  'grant.time-widened': 'a delegated token is valid outside the time window of its parent',
  'grant.wrong-audience': 'the grant is presented by a DID other than its audience (aud)',
  'grant.key-mismatch': 'the requester did not authenticate with the key the grant confirms (RFC 8747 cnf)',
  'grant.not-in-scope': 'the grant does not cover the requested data class and action',
  'grant.not-yet-valid': 'the current time is before nbf (RFC 8392 section 3.1.5)',
  'grant.expired': 'the current time is on or after exp (RFC 8392 section 3.1.4)',
  'grant.bad-vc': 'a vc+cose credential is not well formed (W3C VC-JOSE-COSE section 3.3, VC 2.0 data model)',

  // firmware/credentials: token status lists (draft-ietf-oauth-status-list)
  'status.malformed': 'a status list token or status list does not match the draft CWT/CBOR format',
  'status.too-large': 'a status list token or its decompressed list exceeds the named limit, or the device holds its maximum of fresh lists',
  'status.bad-signature': 'a status list token signature does not verify with its issuer key',
  'status.no-inflate': 'the host provides no zlib inflate, so a compressed status list cannot be read',
  'status.rollback': 'a status list older than the one the device holds for the same uri',
  'status.unknown': 'the device holds no status list from the grant issuer for the referenced uri',
  'status.stale': 'the status list the device holds is past exp, ttl or the device freshness limit',
  'status.out-of-range': 'the status index is outside the status list',
  'status.revoked': 'the status list marks the grant INVALID (0x01) or with a status tinydid does not accept',
  'status.suspended': 'the status list marks the grant SUSPENDED (0x02)',

  // firmware/credentials: trusted time
  'time.unknown': 'the device has no trusted time and the decision depends on it',
  'time.malformed': 'a time statement does not match the time statement format',
  'time.bad-signature': 'a time statement is not signed by the device controller',
  'time.bad-nonce': 'a time statement does not answer the current, unexpired device nonce',
  'time.backwards': 'a time statement is earlier than the persisted high-water mark',

  // firmware/credentials: signed readings
  'reading.malformed': 'a signed reading does not match the reading format',
  'reading.bad-signature': 'a reading signature does not verify with the device key',
  'reading.gap': 'readings are missing between the last accepted one and this one',
  'reading.reordered': 'a reading with a sequence number at or below the last accepted one',
  'reading.broken-chain': 'a reading does not hold the hash of the reading before it',

  // firmware/credentials: audit log
  'audit.malformed': 'an audit record or export does not match the audit log format',
  'audit.bad-signature': 'an audit export is not signed by the device key',
  'audit.broken-chain': 'an audit entry does not hold the hash of the entry before it, or sequence numbers skip',

  // firmware/storage
  'storage.bad-key': 'a record name is empty, too long, or has characters outside [a-z0-9._/-]',
  'storage.bad-value': 'a record value is not a Uint8Array',
  'storage.too-large': 'a record value is over the KV size limit',
  'storage.corrupt': 'a stored record is over the size limit or otherwise unreadable',
  'storage.worn-out': 'a raw-flash record exhausted its sequence numbers',

  // firmware/keys
  'keys.bad-attributes': 'key attributes are unknown or inconsistent (type, usage, algorithm, persistence, label)',
  'keys.bad-argument': 'an argument to a key operation has the wrong type, length or range',
  'keys.bad-key': 'an imported private key or a device root key has the wrong length or is out of range',
  'keys.not-found': 'no key with this id (or a slot that is empty)',
  'keys.not-permitted': 'the key\'s usage or permitted algorithm does not allow this operation',
  'keys.unsupported-type': 'this backend cannot hold a key of this type (it never falls back to software)',
  'keys.unsupported': 'this backend does not offer the operation (private-key import on a secure element, volatile slots)',
  'keys.tampered': 'a stored key, counter or table does not authenticate: edited, swapped, or sealed under another root key',
  'keys.profile-mismatch': 'the store was created with another profile (fixed at creation)',
  'keys.no-free-slot': 'every key slot of the secure element is in use',
  'keys.slot-locked': 'the slot is locked; its key cannot be destroyed or replaced',
  'keys.counter-backwards': 'advanceTo asked for a value below the current one',
  'keys.counter-exhausted': 'a monotonic counter reached its maximum',
  'keys.counter-replay': 'the stored monotonic values are older than the hardware counter they are bound to',
  'keys.bad-attestation': 'an attestation statement is malformed, its signature does not verify, or its nonce differs',

  // firmware/cbor (RFC 8949)
  'cbor.truncated': 'the input ends inside a data item',
  'cbor.trailing': 'bytes follow the single data item',
  'cbor.indefinite': 'an indefinite length (not allowed in deterministic encoding, section 4.2.1)',
  'cbor.non-shortest': 'an integer, length, float or bignum not in its shortest form (section 4.2.1)',
  'cbor.duplicate-key': 'a map holds the same key twice (section 5.6)',
  'cbor.unsorted-keys': 'map keys are not in bytewise order, when sorted keys are required',
  'cbor.too-deep': 'nesting exceeds the decoder limit maxDepth',
  'cbor.too-long': 'a length or the input exceeds the decoder limit maxLength or maxInput',
  'cbor.bad-utf8': 'a text string is not valid UTF-8 (section 3.1)',
  'cbor.malformed': 'a reserved or ill-formed encoding (section 3)',
  'cbor.unencodable': 'a value that has no CBOR encoding here (function, symbol, lone surrogate, bad tag)',

  // firmware/update (SUIT, draft-ietf-suit-manifest)
  'suit.malformed': 'a SUIT envelope, manifest or command sequence does not match the CDDL (section 8), or an unknown critical member',
  'suit.unsupported': 'a well-formed manifest this device cannot execute (command, digest algorithm, component layout)',
  'suit.too-large': 'a SUIT structure exceeds a named limit (envelope size, signatures, components, commands, nesting)',
  'suit.unsigned': 'the authentication wrapper holds no COSE_Sign1 (section 8.3)',
  'suit.bad-signature': 'a COSE_Sign1 does not verify with the trust anchor it names, or with any anchor for its algorithm',
  'suit.untrusted-key': 'a signature names a key id that is not a trust anchor, and no anchor verifies it',
  'suit.bad-algorithm': 'the signature algorithm is missing, unknown, or not permitted for the trust anchor key',
  'suit.signed-other-digest': 'a COSE_Sign1 carries a payload other than the authentication wrapper digest',
  'suit.digest-mismatch': 'the manifest does not hash to the digest in the authentication wrapper (section 8.3)',
  'suit.threshold': 'fewer distinct trusted signers than the policy threshold for the device class',
  'suit.duplicate-signer': 'the threshold is reached only by counting one key more than once',
  'suit.bad-trust': 'a trust anchor or policy is unusable (bad key, threshold above the number of anchors)',
  'suit.bad-version': 'manifest-version is not 1 (section 8.4.1)',
  'suit.rollback': 'the sequence number is not greater than the installed one (section 8.4.2)',
  'suit.wrong-vendor': 'vendor-identifier does not match this device (section 8.4.9.1)',
  'suit.wrong-class': 'class-identifier does not match this device (section 8.4.9.1)',
  'suit.condition-failed': 'a condition failed and no try-each alternative passed (section 8.4.10.2)',
  'suit.severable-missing': 'a severed member the device needs is not in the envelope (section 8.6)',
  'suit.severable-mismatch': 'a severable member in the envelope does not match its digest in the manifest',
  'suit.payload-missing': 'the manifest fetches an integrated payload the envelope does not carry (section 7.5)',
  'suit.image-digest': 'the image does not match image-digest (section 8.4.9.2)',
  'suit.image-size': 'the image is shorter than image-size (section 8.4.8.7)',
  'suit.image-too-long': 'more bytes arrived than image-size allows',
  'suit.slot-changed': 'the slot content changed between verification and activation',
  'suit.slot-failed': 'the firmware slot refused an operation (range, capacity, not erased)',
  'suit.bad-state': 'an update session or boot-flow operation out of order, or a corrupt persisted update record',
  'suit.bad-message': 'a firmware-update protocol message is malformed or out of sequence',

  // firmware/did
  'did.malformed': 'a DID, DID URL or did:peer/did:key encoding is malformed',
  'did.bad-document': 'a DID document is not a valid DID Core document',
  'did.bad-hash': 'a did:peer:4 hash does not match its encoded document',
  'did.not-found': 'the resolver has no document for this DID',
  'did.key-not-found': 'a DID URL names no verification method (of the required relationship) in the document',
  'did.unsupported-method': 'a DID method or key type this resolver does not support',

  // firmware/jose
  'jose.bad-json': 'text is not JSON, or not the JSON object a JOSE structure requires (RFC 8259)',
  'jose.too-deep': 'JSON nesting exceeds the limit',
  'jose.malformed': 'a JWK, JWS or JWE is not well formed (RFC 7515, 7516, 7517)',
  'jose.bad-key': 'a public key is not a valid point of its curve',
  'jose.unsupported-curve': 'a key on a curve tinydid does not support (P-384, P-521, ...)',
  'jose.unsupported-algorithm': 'a JOSE alg or enc tinydid does not support',
  'jose.bad-signature': 'a JWS signature does not verify',
  'jose.decrypt-failed': 'a JWE does not decrypt: key unwrap or content tag failed',

  // firmware/didcomm
  'didcomm.malformed': 'a DIDComm plaintext or envelope does not have the structure DIDComm Messaging v2 requires',
  'didcomm.unsupported-media-type': 'a typ/cty this implementation does not accept',
  'didcomm.too-large': 'a packed message exceeds the maximum message size',
  'didcomm.bad-envelope': 'envelopes nested in an order DIDComm v2 does not allow, or too deep',
  'didcomm.bad-option': 'pack/unpack options that do not make sense together',
  'didcomm.no-key': 'no usable key: none of the recipients is ours, or no compatible sender key',
  'didcomm.sender-mismatch': 'the from header does not name the sender the envelope authenticated',
  'didcomm.recipient-mismatch': 'the envelope was encrypted to a DID the to header does not list',
  'didcomm.expired': 'expires_time is in the past',
  'didcomm.time-unknown': 'the message has expires_time and the current time is unknown',
  'didcomm.replayed': 'this message id was already received from this sender',
  'didcomm.replay-store': 'the persisted replay cache record is corrupt',
  'didcomm.bad-from-prior': 'from_prior is not a valid JWT signed by an authentication key of the prior DID',

  // firmware/didcomm/compact (PROFILE.md)
  'didcomm.unknown-kid': 'a short key id matches no key of the documents this agent knows',
  'didcomm.unsupported-algorithm': 'a COSE algorithm outside the compact profile, or a content algorithm that does not fit the key curve',

  // firmware/didcomm/protocols (trust ping, discover features, problem reports, out-of-band, onboarding)
  'protocol.malformed': 'a protocol message body, invitation URL or QR text is not as its protocol defines',
  'protocol.unexpected': 'a message of another type or thread than the protocol step expects',
  'protocol.untrusted-sender': 'an authenticated message from a DID other than the peer the protocol runs with (a firmware update not from the device controller)',
  'onboarding.no-code': 'the device holds no pairing code (not provisioned)',
  'onboarding.bad-proof': 'the pairing proof does not match the device pairing code',
  'onboarding.already-paired': 'the device has a controller already; a factory reset clears it',
  'onboarding.locked': 'too many wrong pairing proofs; a factory reset re-arms pairing',

  // firmware/transport (framing for small-MTU links)
  'transport.bad-argument': 'an MTU, limit or frame field out of range',
  'transport.bad-frame': 'a frame is empty, truncated, or contradicts the frames before it',
  'transport.too-large': 'a message exceeds the link size limit or the frames it may use',
  'transport.conflict': 'the same frame of a message arrived twice with different contents',
  'transport.timeout': 'a partial message stayed incomplete longer than the reassembly timeout',
  'transport.closed': 'the link is closed',

  // firmware/cose (RFC 9052, RFC 9053)
  'cose.malformed': 'the bytes are not the COSE structure expected (RFC 9052 sections 2-6): wrong tag, shape or types',
  'cose.bad-header': 'a header parameter has the wrong type, is in the wrong bucket or appears twice (RFC 9052 section 3)',
  'cose.critical': 'a critical header parameter is not understood or not present (RFC 9052 section 3.1)',
  'cose.unsupported': 'an algorithm, key type or structure this COSE implementation does not implement',
  'cose.bad-key': 'a COSE_Key is malformed or does not fit the algorithm (RFC 9052 section 7)',
  'cose.no-key': 'no key is known for the message (kid or recipient)',
  'cose.bad-signature': 'the signature does not verify (RFC 9052 section 4.4)',
  'cose.decrypt-failed': 'the content or a wrapped key does not decrypt (RFC 9052 section 5.3)',
  'cose.bad-argument': 'an argument to a COSE function has the wrong type or value',

  // firmware/apps/tag (the cattle tag's custody chain)
  'custody.malformed': 'a custody credential or tag attestation does not have the structure firmware/apps/tag/README.md describes',
  'custody.bad-signature': 'a custody credential or tag attestation does not verify with its issuer\'s key',
  'custody.broken-chain': 'a custody credential does not link to the one before it, or is about another animal',
  'custody.not-authorised': 'the issuer may not say this: only the current owner delegates keeping or transfers ownership',
  'custody.not-present': 'an event that needs the animal present lacks a valid attestation of its tag',
});

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
