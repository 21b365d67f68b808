// The scenarios `tinydid simulate NAME` runs, loaded only when asked for.
import type { Scenario } from '../scenario';

export const SCENARIOS: Record<string, { summary: string; load: () => Promise<Scenario> }> = {
  bessie: { summary: 'a cattle tag with a DID: owner, keeper, vet, transporter, abattoir; the custody chain verifies', load: async () => (await import('./bessie')).scenario },
  bob: { summary: 'a building fleet: onboarding without a CA, 2-of-3 signed staged rollout, rollback, power cuts', load: async () => (await import('./bob')).scenario },
  jamie: { summary: 'glucose meter + insoles, guardian consent for the police, signed insole update', load: async () => (await import('./jamie')).scenario },
};
