import { addMonths, windowLastDay } from '../../domain/calendar';
import type { IsoDate } from '../../domain/schemas/common';
import type { Deal } from '../../domain/schemas/deal';
import type { Partner } from '../../domain/schemas/partner';
import type { DealFacts } from '../facts-schema';
import type { Incentive, Milestone, Program } from '../program-schema';
import type { ClaimQuote, IneligibleReason } from '../quote-schema';
import { capDecision } from './caps';
import { checkEligibility } from './eligibility';
import { factsKnownBy } from './facts-as-of';
import { formatUsd } from './money';
import { computePayout, type PayoutResult } from './payouts';
import { proofInstances, type ProofCandidate, type ProofInstance } from './proofs';
import { tierOf } from './tiers';

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
}

interface Entry {
  incentive: Incentive;
  milestone: Milestone;
}

function renewalDate(deal: Deal): IsoDate {
  return 'date' in deal.renewal ? deal.renewal.date : addMonths(deal.bookedOn, deal.renewal.termMonths);
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
    program.incentives.flatMap((incentive) => incentive.milestones.map((milestone) => [`${incentive.kind}:${milestone.id}`, { incentive, milestone }] as [string, Entry])),
  );
  const applies = ({ incentive, milestone }: Entry) =>
    incentive.eligibility.architectures.includes(deal.architecture) && (milestone.architectures?.includes(deal.architecture) ?? true);

  const deadlineOf = ({ incentive, milestone }: Entry): IsoDate => {
    const spec = milestone.window ?? incentive.window;
    return windowLastDay('before' in spec ? renewalDate(deal) : deal.bookedOn, spec, program.fiscalYearStartMonth);
  };

  const instances = new Map<string, ProofInstance[]>();
  const instancesOf = (ref: string, entry: Entry): ProofInstance[] => {
    if (!instances.has(ref)) instances.set(ref, proofInstances(entry.milestone.proof, facts));
    return instances.get(ref)!;
  };

  // The earliest day a milestone was proven inside its window with its own prerequisites met;
  // the program schema rejects cycles, so the recursion ends.
  const achieved = new Map<string, IsoDate | undefined>();
  const achievedOn = (ref: string): IsoDate | undefined => {
    if (achieved.has(ref)) return achieved.get(ref);
    const entry = entries.get(ref);
    let earliest: IsoDate | undefined;
    if (entry && applies(entry)) {
      const deadline = deadlineOf(entry);
      for (const instance of instancesOf(ref, entry)) {
        if (instance.outcome.kind !== 'candidates') continue;
        const first = instance.outcome.candidates.find((c) => c.provenOn <= deadline && unmetRequirement(entry.milestone, c.provenOn) === undefined);
        if (first && (earliest === undefined || first.provenOn < earliest)) earliest = first.provenOn;
      }
    }
    achieved.set(ref, earliest);
    return earliest;
  };
  const unmetRequirement = (milestone: Milestone, on: IsoDate): string | undefined => {
    for (const required of milestone.requires) {
      const at = achievedOn(required);
      if (at === undefined) return `requires ${required}, not yet proven`;
      if (at > on) return `requires ${required} first: proven ${at}, after this proof (${on})`;
    }
    return undefined;
  };

  const quotes: { quote: ClaimQuote; group?: string }[] = [];
  for (const incentive of program.incentives) {
    if (!incentive.eligibility.architectures.includes(deal.architecture)) continue;
    const eligibility = checkEligibility(incentive.eligibility, deal, partner, facts.attestations);
    const tier = incentive.tiers && tierOf(incentive.tiers, deal);
    for (const milestone of incentive.milestones) {
      const entry = { incentive, milestone };
      if (!applies(entry)) continue;
      const ref = `${incentive.kind}:${milestone.id}`;
      const deadline = deadlineOf(entry);
      for (const instance of instancesOf(ref, entry)) {
        const base = { program: { id: program.id, version: program.version }, incentive: incentive.kind, milestone: `${ref}${instance.suffix}`, label: milestone.label, deadline };
        const ineligible = (reasonCode: IneligibleReason, reason: string, proof?: { provenOn: IsoDate; breakdown: string[] }): ClaimQuote => ({
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
            return ineligible('window-closed', `proven on ${late.provenOn}, after the window's last day ${deadline}`, { provenOn: late.provenOn, breakdown: late.lines });
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
        quotes.push({ quote: applyCap(quote, incentive, ineligible), group: milestone.exclusiveGroup });
      }
    }
  }

  function applyCap(
    quote: ClaimQuote,
    incentive: Incentive,
    ineligible: (code: IneligibleReason, reason: string, proof?: { provenOn: IsoDate; breakdown: string[] }) => ClaimQuote,
  ): ClaimQuote {
    if (!quote.eligible || !incentive.cap || quote.provenOn === undefined) return quote;
    const countedOn = achievedOn(`${incentive.kind}:${incentive.cap.countedBy}`) ?? quote.provenOn;
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

  return supersedeWithinGroups(quotes);
}

/** The highest amount wins; among equals the earliest proof (candidates are sorted by date). */
function bestPayout(priced: { candidate: ProofCandidate; payout: PayoutResult }[]): { candidate: ProofCandidate; payout: PayoutResult } {
  const paying = priced.filter((p) => p.payout.kind === 'amount');
  if (paying.length === 0) return priced.at(-1)!;
  return paying.reduce((best, p) => (p.payout.kind === 'amount' && best.payout.kind === 'amount' && p.payout.usd > best.payout.usd ? p : best));
}

/**
 * Of the eligible claims in one exclusive group only the best-paying is claimed (ties: the
 * earliest proven, then program order); the others say which claim superseded them.
 */
function supersedeWithinGroups(quotes: { quote: ClaimQuote; group?: string }[]): ClaimQuote[] {
  const winners = new Map<string, ClaimQuote>();
  for (const { quote, group } of quotes) {
    if (group === undefined || !quote.eligible) continue;
    const current = winners.get(group);
    const better =
      !current || quote.amountUsd > current.amountUsd || (quote.amountUsd === current.amountUsd && (quote.provenOn ?? '') < (current.provenOn ?? ''));
    if (better) winners.set(group, quote);
  }
  return quotes.map(({ quote, group }) => {
    const winner = group === undefined ? undefined : winners.get(group);
    if (!winner || winner === quote || !quote.eligible) return quote;
    return {
      ...quote,
      eligible: false,
      amountUsd: 0,
      reasonCode: 'superseded',
      reason: `superseded by ${winner.milestone} (${formatUsd(winner.amountUsd)}): one ${group} use case is paid per deal, the best-paying is claimed`,
      breakdown: [...quote.breakdown, `would pay ${formatUsd(quote.amountUsd)}`],
    };
  });
}
