import { closestName } from '../domain/schemas/closest-name';
import type { FieldProblem } from '../domain/schemas/errors';
import type { UsageEvidence } from '../domain/schemas/evidence';
import type { Condition, Payout, Program } from './program-schema';

/**
 * The deal reads licence utilisation (health) from any usage evidence carrying these two
 * metrics, whatever its use case (workflows/deal.ts), so every use case accepts them.
 */
export const UTILISATION_METRICS = ['licensedUsers', 'activeUsers'] as const;

function conditionMetrics(condition: Condition | undefined): string[] {
  if (!condition) return [];
  switch (condition.type) {
    case 'metric':
      return [condition.metric];
    case 'ratio':
      return [condition.of, condition.per];
    case 'any-of':
    case 'all-of':
      return condition.conditions.flatMap(conditionMetrics);
  }
}

function payoutMetrics(payout: Payout): string[] {
  switch (payout.type) {
    case 'per-unit':
      return payout.rates.map((r) => r.metric);
    case 'by-specialization':
      return Object.values(payout.cases).flatMap((p) => (p ? payoutMetrics(p) : []));
    case 'by-agreement':
      return [...payoutMetrics(payout.standard), ...payoutMetrics(payout.enterpriseAgreement)];
    case 'by-tier':
      return Object.values(payout.tiers).flatMap(payoutMetrics);
    default:
      return [];
  }
}

/** Use case -> the metric names the program's rules read for it (conditions and per-unit rates). */
export function evidenceVocabulary(program: Program): Map<string, Set<string>> {
  const vocabulary = new Map<string, Set<string>>();
  for (const milestone of program.incentives.flatMap((i) => i.milestones)) {
    if (milestone.proof.type !== 'evidence') continue;
    const metrics = vocabulary.get(milestone.proof.useCase) ?? new Set<string>(UTILISATION_METRICS);
    for (const metric of [...conditionMetrics(milestone.proof.condition), ...payoutMetrics(milestone.payout)]) metrics.add(metric);
    vocabulary.set(milestone.proof.useCase, metrics);
  }
  return vocabulary;
}

const hint = (name: string, known: string[]): string => {
  const suggestion = closestName(name, known);
  return `${suggestion ? `did you mean ${suggestion}? ` : ''}known: ${known.join(', ')}`;
};

/**
 * Usage evidence checked against the program the deal runs under: a use case the program does
 * not know, or a metric none of its rules reads for that use case, would be recorded and earn
 * nothing, silently. Paths are relative to the evidence.
 */
export function evidenceProblems(evidence: UsageEvidence, program: Program): FieldProblem[] {
  const vocabulary = evidenceVocabulary(program);
  const metrics = vocabulary.get(evidence.useCase);
  if (!metrics) {
    const useCases = [...vocabulary.keys()];
    return [{ path: ['useCase'], rule: `${evidence.useCase} is not a use case of program ${program.id} v${program.version} (${hint(evidence.useCase, useCases)})` }];
  }
  const known = [...metrics];
  return Object.keys(evidence.metrics)
    .filter((name) => !metrics.has(name))
    .map((name) => ({ path: ['metrics', name], rule: `no rule of use case ${evidence.useCase} in program ${program.id} v${program.version} reads this metric (${hint(name, known)})` }));
}
