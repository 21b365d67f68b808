import { TinydidError } from '../errors/tinydid-error';
import { isJsonObject, type JsonObject, type JsonValue } from '../jose/json';

/** DIDComm v2 "DID Document Service Endpoint": a DIDCommMessaging service's endpoint. */
export interface DidCommEndpoint {
  uri: string;
  accept?: string[];
  routingKeys?: string[];
}

export const DIDCOMM_SERVICE_TYPE = 'DIDCommMessaging';

function strings(value: JsonValue | undefined, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 16 || !value.every((v) => typeof v === 'string')) {
    throw new TinydidError('did.malformed', `service ${what} must be an array of at most 16 strings`);
  }
  return value as string[];
}

/** The endpoint object of a DID document service (`serviceEndpoint`). */
export function endpointToJson(endpoint: DidCommEndpoint): JsonObject {
  const out: JsonObject = { uri: endpoint.uri };
  if (endpoint.accept !== undefined) out.accept = endpoint.accept;
  out.routingKeys = endpoint.routingKeys ?? [];
  return out;
}

/**
 * did:peer:2 abbreviated service (did:peer spec, "Method 2", 2023 corrections):
 * type -> t, serviceEndpoint -> s, routingKeys -> r, accept -> a,
 * DIDCommMessaging -> dm. Written in the 2023 form `{"t":"dm","s":{"uri":..,"a":..,"r":..}}`.
 */
export function abbreviateService(endpoint: DidCommEndpoint): JsonObject {
  const s: JsonObject = { uri: endpoint.uri };
  if (endpoint.accept !== undefined) s.a = endpoint.accept;
  if (endpoint.routingKeys !== undefined) s.r = endpoint.routingKeys;
  return { t: 'dm', s };
}

/**
 * Expands an abbreviated service; accepts the 2023 form and the earlier one
 * (`{"t":"dm","s":"https://...","r":[..],"a":[..]}`). Throws `did.malformed`.
 */
export function expandService(value: JsonValue): { type: string; serviceEndpoint: JsonValue; id?: string } {
  if (!isJsonObject(value)) throw new TinydidError('did.malformed', 'did:peer:2 service must be a JSON object');
  const type = value.t === 'dm' ? DIDCOMM_SERVICE_TYPE : value.t ?? value.type;
  if (typeof type !== 'string') throw new TinydidError('did.malformed', 'did:peer:2 service has no type');
  const id = typeof value.id === 'string' ? value.id : undefined;
  const s = value.s ?? value.serviceEndpoint;
  if (typeof s === 'string') {
    return { type, id, serviceEndpoint: endpointToJson({ uri: s, accept: strings(value.a ?? value.accept, 'accept'), routingKeys: strings(value.r ?? value.routingKeys, 'routingKeys') }) };
  }
  if (isJsonObject(s) && typeof s.uri === 'string') {
    return { type, id, serviceEndpoint: endpointToJson({ uri: s.uri, accept: strings(s.a ?? s.accept, 'accept'), routingKeys: strings(s.r ?? s.routingKeys, 'routingKeys') }) };
  }
  throw new TinydidError('did.malformed', 'did:peer:2 service endpoint must be a URI or {uri, a, r}');
}
