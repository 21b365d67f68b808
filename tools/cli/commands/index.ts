// The registry of `tinydid` commands: one file per command in this folder,
// loaded only when it is the one asked for.
import type { Command } from '../command';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  doctor: { summary: 'check this installation: engines, vectors, crypto self-test', load: async () => (await import('./doctor')).command },
  simulate: { summary: 'run a scenario in the simulator (jamie, bob, bessie)', load: async () => (await import('./simulate')).command },
  keys: { summary: 'device key store: generate, list, sign, public, attest', load: async () => (await import('./keys')).command },
  did: { summary: 'create a software DIDComm agent (did:peer:2 or did:peer:4)', load: async () => (await import('./did')).command },
  pack: { summary: 'pack a DIDComm message (plain, signed, anoncrypt, authcrypt; cbor or json)', load: async () => (await import('./pack')).command },
  unpack: { summary: 'unpack and verify a DIDComm message; prints message and metadata', load: async () => (await import('./unpack')).command },
  grant: { summary: 'issue, verify, or export as vc+cose an access grant (delegable, expiring, revocable)', load: async () => (await import('./grant')).command },
  status: { summary: 'issue or verify a token status list (revocation of grants)', load: async () => (await import('./status')).command },
  reading: { summary: 'sign a reading with a device key store, or verify a chain of signed readings', load: async () => (await import('./reading')).command },
  inspect: { summary: 'print CBOR (COSE, CWT, SUIT) as diagnostic notation', load: async () => (await import('./inspect')).command },
  firmware: { summary: 'signed firmware updates: sign, verify and inspect SUIT envelopes', load: async () => (await import('./firmware')).command },
};
