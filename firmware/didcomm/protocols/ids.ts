/**
 * Message ids for the protocols (DIDComm v2 "Message Headers": id is unique
 * to the sender). 12 random bytes from the Random seam, base64url (16
 * characters): as unique as a UUID's 122 bits in practice, and shorter on a
 * device link.
 */
import { toBase64url } from '../../bytes/base64url';
import { randomBytes, type Random } from '../../host/random';

export function newMessageId(random: Random): string {
  return toBase64url(randomBytes(random, 12));
}
