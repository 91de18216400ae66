import { windowLastDay } from '../../domain/calendar';
import { renewalDate } from '../../domain/renewal-date';
import type { IsoDate } from '../../domain/schemas/common';
import type { Deal } from '../../domain/schemas/deal';
import type { Partner } from '../../domain/schemas/partner';
import type { DealFacts } from '../facts-schema';
import { claimMilestoneName, milestoneRef } from '../milestone-ref';
import type { Incentive, Milestone, Program } from '../program-schema';
import type { ClaimQuote, IneligibleReason } from '../quote-schema';
import { capCountedOn, capDecision } from './caps';
import { checkEligibility } from './eligibility';
import { factsKnownBy } from './facts-as-of';
import { formatUsd } from './money';
import { computePayout, type PayoutResult } from './payouts';
import { proofInstances, type ProofCandidate, type ProofInstance } from './proofs';
import { requirementOf, type ReadRequirement } from './requirements';
import { tierOf } from './tiers';
import { windowMetByOf } from './window-met-by';

/** What the cap counter said about this deal's registration, per incentive kind. */
export type CapStatus = 'slot-granted' | 'cap-reached';

export interface EvaluationInput {
  program: Program;
  deal: Deal;
  partner: Partner;
  facts: DealFacts;
  /** Quote as of the end of this day: later facts are ignored and windows past it are closed. */
  asOf?: IsoDate;
  /** From the cap counter; when absent, capped claims say which cap they are subject to. */
  capStatus?: Readonly<Partial<Record<string, CapStatus>>>;
  /**
   * Milestone names already claimed on the deal. In an exclusive group the claimed one keeps the
   * group even when another pays more later, so a deal is never paid twice for one group.
   */
  claimed?: readonly string[];
}

interface Entry {
  incentive: Incentive;
  milestone: Milestone;
}

type Ineligible = (code: IneligibleReason, reason: string, proof?: { provenOn: IsoDate; breakdown: string[] }) => ClaimQuote;

/** Why proof that came after its window earns nothing, in the words of what happened. */
function lateReason(candidate: ProofCandidate, deadline: IsoDate): string {
  return candidate.legacy
    ? `proven on ${candidate.provenOn}, after the window's last day ${deadline}`
    : `${candidate.dated} on ${candidate.provenOn}, after its window closed on ${deadline}`;
}

/**
 * Every potential claim on a deal under a program, once each: eligible with its amount and a
 * line-by-line breakdown, or ineligible with the reason. Pure: time is `asOf`, cap state is
 * `capStatus`, so the same input always gives the same quotes.
 */
export function evaluateIncentives(input: EvaluationInput): ClaimQuote[] {
  const { program, deal, partner, asOf } = input;
  const facts = factsKnownBy(input.facts, asOf);
  const entries = new Map<string, Entry>(
    program.incentives.flatMap((incentive) => incentive.milestones.map((milestone) => [milestoneRef(incentive, milestone), { incentive, milestone }] as [string, Entry])),
  );
  const applies = ({ incentive, milestone }: Entry) =>
    incentive.eligibility.architectures.includes(deal.architecture) && (milestone.architectures?.includes(deal.architecture) ?? true);

  const deadlineOf = ({ incentive, milestone }: Entry): IsoDate => {
    const spec = milestone.window ?? incentive.window;
    return windowLastDay('before' in spec ? renewalDate(deal) : deal.bookedOn, spec, program.fiscalYearStartMonth);
  };

  const instances = new Map<string, ProofInstance[]>();
  const instancesOf = (ref: string, entry: Entry): ProofInstance[] => {
    if (!instances.has(ref)) instances.set(ref, proofInstances(entry.milestone.proof, facts, windowMetByOf(entry.milestone)));
    return instances.get(ref)!;
  };

  // The earliest day a milestone was proven (inside its window, for `in-window`) with its own
  // prerequisites met; the program schema rejects cycles, so the recursion ends.
  const proven = new Map<string, IsoDate | undefined>();
  const provenOn = (ref: string, mode: ReadRequirement['proven']): IsoDate | undefined => {
    const key = `${ref} ${mode}`;
    if (proven.has(key)) return proven.get(key);
    const entry = entries.get(ref);
    let earliest: IsoDate | undefined;
    if (entry && applies(entry)) {
      const deadline = deadlineOf(entry);
      for (const instance of instancesOf(ref, entry)) {
        if (instance.outcome.kind !== 'candidates') continue;
        const first = instance.outcome.candidates.find((c) => (mode === 'at-all' || c.provenOn <= deadline) && unmetRequirement(entry.milestone, c.provenOn) === undefined);
        if (first && (earliest === undefined || first.provenOn < earliest)) earliest = first.provenOn;
      }
    }
    proven.set(key, earliest);
    return earliest;
  };

  /** What happened to a prerequisite that is not proven as the program requires. */
  const whyNotProven = (required: ReadRequirement): string => {
    const entry = entries.get(required.ref);
    if (!entry || !applies(entry)) return `requires ${required.ref}, which does not apply to this deal`;
    const deadline = deadlineOf(entry);
    const outcome = instancesOf(required.ref, entry)[0]!.outcome;
    if (outcome.kind === 'absent') return `requires ${required.ref}: not yet evidenced (${outcome.explanation})`;
    if (outcome.kind === 'unmet') return `requires ${required.ref}: ${outcome.explanation}`;
    const inWindow = outcome.candidates.filter((c) => required.proven === 'at-all' || c.provenOn <= deadline);
    if (inWindow.length === 0) return `requires ${required.ref} in its window: ${lateReason(outcome.candidates[0]!, deadline)}`;
    return `requires ${required.ref}: ${unmetRequirement(entry.milestone, inWindow.at(-1)!.provenOn)}`;
  };

  const unmetRequirement = (milestone: Milestone, on: IsoDate): string | undefined => {
    for (const required of milestone.requires.map(requirementOf)) {
      const at = provenOn(required.ref, required.proven);
      if (at === undefined) return required.legacy ? `requires ${required.ref}, not yet proven` : whyNotProven(required);
      if (at > on) return `requires ${required.ref} first: proven ${at}, after this proof (${on})`;
    }
    return undefined;
  };

  const quotes: { quote: ClaimQuote; incentive: Incentive; group?: string; ineligible: Ineligible }[] = [];
  for (const incentive of program.incentives) {
    if (!incentive.eligibility.architectures.includes(deal.architecture)) continue;
    const eligibility = checkEligibility(incentive.eligibility, deal, partner, facts.attestations);
    const tier = incentive.tiers && tierOf(incentive.tiers, incentive.eligibility, deal);
    for (const milestone of incentive.milestones) {
      const entry = { incentive, milestone };
      if (!applies(entry)) continue;
      const ref = milestoneRef(incentive, milestone);
      const deadline = deadlineOf(entry);
      for (const instance of instancesOf(ref, entry)) {
        const base = { program: { id: program.id, version: program.version }, incentive: incentive.kind, milestone: claimMilestoneName(ref, instance.occurrence), label: milestone.label, deadline };
        const ineligible: Ineligible = (reasonCode, reason, proof) => ({
          ...base,
          eligible: false,
          amountUsd: 0,
          reasonCode,
          reason,
          ...(proof ? { provenOn: proof.provenOn } : {}),
          breakdown: proof?.breakdown ?? [],
        });
        const quote = ((): ClaimQuote => {
          if (!eligibility.eligible) return ineligible(eligibility.code, eligibility.reason);
          const windowOver = asOf !== undefined && asOf > deadline;
          const outcome = instance.outcome;
          if (outcome.kind !== 'candidates') {
            if (windowOver) return ineligible('window-closed', `${outcome.explanation}; the window closed on ${deadline}`);
            return outcome.kind === 'absent'
              ? ineligible('not-yet-evidenced', `not yet evidenced (${outcome.explanation}); the window is open until ${deadline}`)
              : ineligible(outcome.code, outcome.explanation);
          }
          const inWindow = outcome.candidates.filter((c) => c.provenOn <= deadline);
          if (inWindow.length === 0) {
            const late = outcome.candidates[0]!;
            return ineligible('window-closed', lateReason(late, deadline), { provenOn: late.provenOn, breakdown: late.lines });
          }
          const ready = inWindow.filter((c) => unmetRequirement(milestone, c.provenOn) === undefined);
          if (ready.length === 0) return ineligible('requires', unmetRequirement(milestone, inWindow.at(-1)!.provenOn)!);
          const priced = ready.map((candidate) => ({
            candidate,
            payout: computePayout(milestone.payout, { deal, partner, label: milestone.label, tier, metrics: candidate.metrics, expansion: candidate.expansion }),
          }));
          const best = bestPayout(priced);
          const breakdown = [...best.candidate.lines, ...best.payout.lines];
          if (best.payout.kind === 'refused') {
            return ineligible(best.payout.code, best.payout.reason, { provenOn: best.candidate.provenOn, breakdown });
          }
          return { ...base, eligible: true, amountUsd: best.payout.usd, provenOn: best.candidate.provenOn, breakdown };
        })();
        quotes.push({ quote, incentive, group: milestone.exclusiveGroup, ineligible });
      }
    }
  }

  const uncapped = supersedeWithinGroups(quotes, new Set(input.claimed ?? []));
  return uncapped.map((quote, i) => {
    const { incentive, ineligible } = quotes[i]!;
    return applyCap(quote, incentive, capCountedOn(program, incentive, uncapped), ineligible);
  });

  function applyCap(quote: ClaimQuote, incentive: Incentive, countedOn: IsoDate | undefined, ineligible: Ineligible): ClaimQuote {
    if (!quote.eligible || !incentive.cap || quote.provenOn === undefined || countedOn === undefined) return quote;
    const decision = capDecision({ program, incentiveKind: incentive.kind, deal, partner, countedOn })!;
    if (!decision.limited) return { ...quote, breakdown: [...quote.breakdown, decision.reason] };
    const status = input.capStatus?.[incentive.kind];
    if (status === 'cap-reached') {
      return ineligible('cap-reached', `cap reached: ${decision.description}, ${deal.architecture} in ${decision.fiscalQuarter.label} (${decision.key})`, {
        provenOn: quote.provenOn,
        breakdown: [...quote.breakdown, `would pay ${formatUsd(quote.amountUsd)}`],
      });
    }
    const line = status === 'slot-granted' ? `counted against the cap of ${decision.description} (${decision.key})` : `subject to the cap of ${decision.description} (${decision.key})`;
    return { ...quote, breakdown: [...quote.breakdown, line] };
  }
}

/** The highest amount wins; among equals the earliest proof (candidates are sorted by date). */
function bestPayout(priced: { candidate: ProofCandidate; payout: PayoutResult }[]): { candidate: ProofCandidate; payout: PayoutResult } {
  const paying = priced.filter((p) => p.payout.kind === 'amount');
  if (paying.length === 0) return priced.at(-1)!;
  return paying.reduce((best, p) => (p.payout.kind === 'amount' && best.payout.kind === 'amount' && p.payout.usd > best.payout.usd ? p : best));
}

/**
 * Of the eligible claims in one exclusive group only one is claimed: the one already claimed,
 * else the best-paying (ties: the earliest proven, then program order); the others say which
 * claim superseded them.
 */
function supersedeWithinGroups(quotes: readonly { quote: ClaimQuote; group?: string }[], claimed: ReadonlySet<string>): ClaimQuote[] {
  const winners = new Map<string, ClaimQuote>();
  const kept = new Set<string>();
  for (const { quote, group } of quotes) {
    if (group === undefined || kept.has(group)) continue;
    if (claimed.has(quote.milestone)) {
      winners.set(group, quote);
      kept.add(group);
      continue;
    }
    if (!quote.eligible) continue;
    const current = winners.get(group);
    const better =
      !current || quote.amountUsd > current.amountUsd || (quote.amountUsd === current.amountUsd && (quote.provenOn ?? '') < (current.provenOn ?? ''));
    if (better) winners.set(group, quote);
  }
  return quotes.map(({ quote, group }) => {
    const winner = group === undefined ? undefined : winners.get(group);
    if (!winner || winner === quote || !quote.eligible) return quote;
    const reason = kept.has(group!)
      ? `superseded by ${winner.milestone}, already claimed: one ${group} use case is paid per deal`
      : `superseded by ${winner.milestone} (${formatUsd(winner.amountUsd)}): one ${group} use case is paid per deal, the best-paying is claimed`;
    return {
      ...quote,
      eligible: false,
      amountUsd: 0,
      reasonCode: 'superseded',
      reason,
      breakdown: [...quote.breakdown, `would pay ${formatUsd(quote.amountUsd)}`],
    };
  });
}
