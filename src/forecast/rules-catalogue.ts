import type { Playbook } from '../domain/playbook/schema';
import type { Program } from '../incentives/program-schema';
import type { DealRules } from './forecast-deal';
import type { RulesOf } from './forecast';

/**
 * The rules each deal runs under, from the programs and playbooks this process knows: the
 * program by id at the deal's version (a deal keeps the version it was registered under, so
 * another version leaves it unpriced rather than priced wrongly), the ladder of its playbook.
 */
export function rulesCatalogue(programs: readonly Program[], playbookOf: (id: string | undefined) => Playbook | undefined): RulesOf {
  const cache = new Map<string, DealRules | undefined>();
  return (deal) => {
    const { program: wanted, deal: booked } = deal.booking;
    const key = `${wanted.id}@${wanted.version} ${booked.playbookId ?? ''}`;
    if (!cache.has(key)) {
      const program = programs.find((p) => p.id === wanted.id && p.version === wanted.version);
      const playbook = playbookOf(booked.playbookId);
      cache.set(key, program && playbook ? { program, ladder: playbook.escalation } : undefined);
    }
    return cache.get(key);
  };
}
