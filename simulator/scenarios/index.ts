// The scenarios `tinydid simulate NAME` runs, loaded only when asked for.
import type { Scenario } from '../scenario';

export const SCENARIOS: Record<string, { summary: string; load: () => Promise<Scenario> }> = {
  jamie: { summary: 'glucose meter + insoles, guardian consent for the police, signed insole update', load: async () => (await import('./jamie')).scenario },
};
