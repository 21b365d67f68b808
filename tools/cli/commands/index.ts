// The registry of `tinydid` commands: one file per command in this folder,
// loaded only when it is the one asked for.
import type { Command } from '../command';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  doctor: { summary: 'check this installation: engines, vectors, crypto self-test', load: async () => (await import('./doctor')).command },
  keys: { summary: 'device key store: generate, list, sign, public, attest', load: async () => (await import('./keys')).command },
};
