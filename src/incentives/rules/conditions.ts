import type { Condition } from '../program-schema';
import { formatPercent } from './money';

export interface ConditionResult {
  met: boolean;
  /** One line per tested figure, saying what was measured against what. */
  lines: string[];
}

function verdict(met: boolean): string {
  return met ? 'met' : 'not met';
}

/**
 * Tests one evidence item's metrics. A metric the evidence does not report fails its test (it is
 * not proof), so an any-of can still pass on another branch.
 */
export function evaluateCondition(condition: Condition, metrics: Readonly<Record<string, number>>): ConditionResult {
  switch (condition.type) {
    case 'metric': {
      const subject = condition.describe ?? condition.metric;
      const value = metrics[condition.metric];
      if (value === undefined) return { met: false, lines: [`${subject}: ${condition.metric} not reported (needs ≥ ${condition.atLeast})`] };
      const met = value >= condition.atLeast;
      return { met, lines: [`${subject}: ${condition.metric} = ${value} (needs ≥ ${condition.atLeast}): ${verdict(met)}`] };
    }
    case 'ratio': {
      const subject = condition.describe ?? `${condition.of} per ${condition.per}`;
      const needs = `needs ≥ ${formatPercent(condition.atLeastPercent)}`;
      const of = metrics[condition.of];
      const per = metrics[condition.per];
      if (of === undefined || per === undefined) {
        const missing = [of === undefined ? condition.of : undefined, per === undefined ? condition.per : undefined].filter(Boolean);
        return { met: false, lines: [`${subject}: ${missing.join(' and ')} not reported (${needs})`] };
      }
      if (per <= 0) return { met: false, lines: [`${subject}: ${condition.per} is ${per}, no ratio (${needs})`] };
      // Ratio against percent/100, both correctly rounded, so an exact 35 of 100 meets 35%.
      const met = of / per >= condition.atLeastPercent / 100;
      return { met, lines: [`${subject}: ${of} of ${per} = ${formatPercent((of / per) * 100)} (${needs}): ${verdict(met)}`] };
    }
    case 'any-of':
    case 'all-of': {
      const results = condition.conditions.map((c) => evaluateCondition(c, metrics));
      const met = condition.type === 'any-of' ? results.some((r) => r.met) : results.every((r) => r.met);
      const joiner = condition.type === 'any-of' ? 'any of' : 'all of';
      return { met, lines: [`${joiner}: ${verdict(met)}`, ...results.flatMap((r) => r.lines.map((line) => `  ${line}`))] };
    }
  }
}
