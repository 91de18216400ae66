import { z } from 'zod';
import { Architecture, LIMITS, Slug, SpecializationLevel } from '../domain/schemas/common';
import { strictObject, strictPartialRecord } from '../domain/schemas/strict';
import { WindowSpec } from '../domain/schemas/window';
import { milestoneRef } from './milestone-ref';
import { requirementOf } from './rules/requirements';

/**
 * An incentive program version as data (one YAML file per version under `config/programs/`).
 * Every number the vendor can change lives here; the calculators in `rules/` only interpret it.
 */

const text = z.string().trim().min(1, 'must not be empty').max(LIMITS.textChars, `must be at most ${LIMITS.textChars} characters`);
const MetricName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a metric name in camelCase, e.g. claimedServers');
const Amount = z.number({ message: 'must be a number of US dollars' }).nonnegative('must be zero or more').max(LIMITS.maxUsd, 'must be at most 1,000,000,000,000 USD');
const Percent = z.number({ message: 'must be a percentage' }).gt(0, 'must be more than 0').max(100, 'must be at most 100');
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and "-"');

/** A test over one evidence item's metrics. */
export const Condition = z.discriminatedUnion('type', [
  /** metric >= atLeast, e.g. sensorsInProduction >= 100 */
  strictObject({ type: z.literal('metric'), metric: MetricName, atLeast: z.number(), describe: text.optional() }),
  /** of / per >= atLeastPercent %, e.g. claimedServers / licensedServers >= 35% */
  strictObject({ type: z.literal('ratio'), of: MetricName, per: MetricName, atLeastPercent: Percent, describe: text.optional() }),
  strictObject({
    type: z.literal('any-of'),
    get conditions(): z.ZodArray<typeof Condition> {
      return z.array(Condition).min(2, 'any-of needs at least 2 conditions');
    },
  }),
  strictObject({
    type: z.literal('all-of'),
    get conditions(): z.ZodArray<typeof Condition> {
      return z.array(Condition).min(2, 'all-of needs at least 2 conditions');
    },
  }),
]);
export type Condition = z.infer<typeof Condition>;

/** What proves a milestone. */
export const Proof = z.discriminatedUnion('type', [
  /**
   * Usage evidence (PoP or telemetry) for a use case. With `sustainedMonths`, the condition must
   * hold in every reading of that many consecutive calendar months.
   */
  strictObject({
    type: z.literal('evidence'),
    useCase: text,
    condition: Condition.optional(),
    sustainedMonths: z.number().int().min(2, 'must be at least 2 months; omit it for a single reading').optional(),
  }),
  strictObject({ type: z.literal('success-plan') }),
  strictObject({ type: z.literal('business-outcomes'), requiresCustomerConfirmation: z.boolean() }),
  /** One potential claim per expansion booking recorded on the deal. */
  strictObject({ type: z.literal('expansion-booking') }),
]);
export type Proof = z.infer<typeof Proof>;

export const UnitRate = strictObject({
  metric: MetricName,
  usd: Amount,
  /** Plural, as read in a breakdown line: "48 routers, wireless controllers or switches × $50". */
  unitLabel: text,
});
export type UnitRate = z.infer<typeof UnitRate>;

/** The value a percentage payout is taken of. */
export const PercentBasis = z.enum(['deal-software', 'deal-total', 'expansion-software']);
export type PercentBasis = z.infer<typeof PercentBasis>;

/** How much a proven milestone pays; the `by-*` forms select a payout by the deal or partner. */
export const Payout = z.discriminatedUnion('type', [
  strictObject({ type: z.literal('fixed'), usd: Amount }),
  /** Per counted unit; below `minimumUsd` nothing is paid, above `maximumUsd` the amount is capped. */
  strictObject({
    type: z.literal('per-unit'),
    rates: z.array(UnitRate).min(1, 'needs at least one rate'),
    minimumUsd: Amount.optional(),
    maximumUsd: Amount.optional(),
  }).refine((p) => p.minimumUsd === undefined || p.maximumUsd === undefined || p.minimumUsd <= p.maximumUsd, {
    message: 'minimumUsd must not exceed maximumUsd',
    path: ['maximumUsd'],
  }),
  strictObject({ type: z.literal('percent'), of: PercentBasis, percent: Percent }),
  /** Required for the next step but paid nothing (e.g. the EA success plan): a $0 claim. */
  strictObject({ type: z.literal('unpaid'), note: text }),
  /** The program promises no computable amount: the claim is ineligible with this reason. */
  strictObject({ type: z.literal('no-automatic-amount'), reason: text }),
  strictObject({
    type: z.literal('by-specialization'),
    get cases(): z.ZodRecord<typeof SpecializationLevel, typeof Payout> {
      return strictPartialRecord(SpecializationLevel, Payout);
    },
  }),
  strictObject({
    type: z.literal('by-agreement'),
    get standard(): typeof Payout {
      return Payout;
    },
    get enterpriseAgreement(): typeof Payout {
      return Payout;
    },
  }),
  /** Keyed by the incentive's tier ids. */
  strictObject({
    type: z.literal('by-tier'),
    get tiers(): z.ZodRecord<typeof Id, typeof Payout> {
      return z.record(Id, Payout);
    },
  }),
]);
export type Payout = z.infer<typeof Payout>;

/** What counts as the deal's software value for a threshold or a tier. */
export const SoftwareBasis = z.enum([
  /** the sum of the deal's software lines */
  'deal',
  /** the largest single SKU (its software lines summed) */
  'largest-sku',
  /** the SKUs that reach the incentive's per-SKU minimum, summed; the others do not count */
  'qualifying-skus',
]);
export type SoftwareBasis = z.infer<typeof SoftwareBasis>;

const ThresholdBasis = SoftwareBasis.exclude(['qualifying-skus'], { message: 'must be deal or largest-sku' });

/**
 * The software a deal needs to qualify. `minimumApplies: per-sku`: every software SKU below
 * `usd` is left out of the eligible software value, and a deal with no SKU at or above it does
 * not qualify. `deal-total` (or, as versions written before the choice, no `minimumApplies`):
 * the value on `basis` must reach `usd`.
 */
export const MinimumSoftware = z.union(
  [
    strictObject({ usd: Amount, minimumApplies: z.literal('per-sku') }),
    strictObject({ usd: Amount, basis: ThresholdBasis, minimumApplies: z.literal('deal-total').optional() }),
  ],
  { error: 'must be { usd, minimumApplies: per-sku } or { usd, basis: deal | largest-sku, minimumApplies: deal-total }' },
);
export type MinimumSoftware = z.infer<typeof MinimumSoftware>;

export const Eligibility = strictObject({
    architectures: z.array(Architecture).min(1, 'must list at least one architecture'),
    /** CX specialization levels that may claim. */
    specializations: z.array(SpecializationLevel).min(1, 'must list at least one specialization level'),
    requiresArchitectureSpecialization: z.boolean(),
    minimumSoftware: MinimumSoftware.optional(),
    /** Declarations that must be recorded on the deal, e.g. value-added selling registered. */
    requiredAttestations: z.array(Slug).default([]),
  });
export type Eligibility = z.infer<typeof Eligibility>;

export const Tier = strictObject({ id: Id, label: text, fromUsd: Amount });
export type Tier = z.infer<typeof Tier>;

/** Reward tiers by the deal's software value: a deal is in the highest tier whose `fromUsd` it reaches. */
export const Tiers = strictObject({ basis: SoftwareBasis, levels: z.array(Tier).min(1, 'needs at least one tier') })
  .refine((t) => t.levels.every((level, i) => i === 0 || level.fromUsd > t.levels[i - 1]!.fromUsd), {
    message: 'tiers must be listed by increasing fromUsd',
    path: ['levels'],
  });
export type Tiers = z.infer<typeof Tiers>;

/**
 * How many claims a partner may register per architecture per fiscal quarter. The quarter is the
 * one in which the `countedBy` milestone (the registration) is proven; every milestone of the
 * incentive on that deal rides on the same registration.
 */
export const Cap = strictObject({
  countedBy: Id,
  limits: strictObject({ standard: z.number().int().positive(), enterpriseAgreement: z.number().int().positive() }),
  unlimited: strictObject({
    specializations: z.array(SpecializationLevel),
    /** Enforced when the partner profile reports prior-fiscal-year bookings; otherwise the level decides. */
    minimumPriorFiscalYearBookingsUsd: Amount.optional(),
  })
    .optional(),
});
export type Cap = z.infer<typeof Cap>;

/**
 * Which date of the proof meets the window: the business day Baton received it (`received`), or
 * for an expansion the order's booking date (`booked`). A program that omits it gets the proof
 * type's default, the same dates: received for plans, outcomes and usage, booked for expansions.
 */
export const WindowMetBy = z.enum(['received', 'booked']);
export type WindowMetBy = z.infer<typeof WindowMetBy>;

/**
 * A prerequisite milestone (`kind:id`), proven on or before this one's proof: `in-window` when it
 * must have been proven inside its own window, `at-all` when proving it late still counts (the
 * windows are then independent). A bare `kind:id` is the in-window reading, as program versions
 * written before the choice was explicit meant it.
 */
export const Requirement = z.union(
  [
    text,
    strictObject({ milestone: text, proven: z.enum(['in-window', 'at-all']) }),
  ],
  { error: 'must be { milestone: kind:id, proven: in-window | at-all }' },
);
export type Requirement = z.infer<typeof Requirement>;

export const Milestone = strictObject({
    /** Stable within the incentive; the claim's milestone is `<incentive kind>:<id>`. */
    id: Id,
    label: text,
    /** Narrows the incentive's architectures, e.g. a use case that exists only in Data Center. */
    architectures: z.array(Architecture).min(1).optional(),
    proof: Proof,
    windowMetBy: WindowMetBy.optional(),
    /** Milestones that must be proven before this one can be claimed. */
    requires: z.array(Requirement).default([]),
    /** Overrides the incentive's window. */
    window: WindowSpec.optional(),
    payout: Payout,
    /** At most one milestone of a group is paid per deal: the best-paying eligible one. */
    exclusiveGroup: Id.optional(),
  })
  .refine((m) => m.windowMetBy !== 'booked' || m.proof.type === 'expansion-booking', {
    message: 'only an expansion booking has a booking date; use received',
    path: ['windowMetBy'],
  });
export type Milestone = z.infer<typeof Milestone>;

export const Incentive = strictObject({
    /** The claim's `incentive`, e.g. use, adopt, expand, rebate. */
    kind: Id,
    name: text,
    eligibility: Eligibility,
    window: WindowSpec,
    tiers: Tiers.optional(),
    cap: Cap.optional(),
    milestones: z.array(Milestone).min(1, 'needs at least one milestone'),
  })
  .refine((inc) => inc.tiers?.basis !== 'qualifying-skus' || inc.eligibility.minimumSoftware?.minimumApplies === 'per-sku', {
    message: 'qualifying-skus needs the eligibility minimumSoftware to apply per-sku',
    path: ['tiers', 'basis'],
  });
export type Incentive = z.infer<typeof Incentive>;

/** Documented program figures that compute no claim (e.g. a headline rate whose base is unstated). */
export const ReferenceTable = strictObject({ id: Id, description: text, unit: z.enum(['percent', 'usd']), values: z.record(z.string(), z.number()) });
export type ReferenceTable = z.infer<typeof ReferenceTable>;

function payoutTierIds(payout: Payout): string[][] {
  switch (payout.type) {
    case 'by-tier':
      return [Object.keys(payout.tiers), ...Object.values(payout.tiers).flatMap(payoutTierIds)];
    case 'by-agreement':
      return [...payoutTierIds(payout.standard), ...payoutTierIds(payout.enterpriseAgreement)];
    case 'by-specialization':
      return Object.values(payout.cases).flatMap((p) => (p ? payoutTierIds(p) : []));
    default:
      return [];
  }
}

export const Program = strictObject({
  id: Slug,
  version: z.number().int().positive('must be a positive whole number'),
  name: text,
  /** 1-12; the fiscal year is named by the calendar year in which it ends. */
  fiscalYearStartMonth: z.number().int().min(1, 'must be a month 1-12').max(12, 'must be a month 1-12'),
  payout: strictObject({
    cadence: z.literal('quarterly'),
    /** Fiscal quarters after the quarter in which the claim is accepted. */
    lagFiscalQuarters: z.number().int().nonnegative(),
  }),
  reference: z.array(ReferenceTable).default([]),
  incentives: z.array(Incentive).min(1, 'needs at least one incentive'),
})
  .superRefine((program, ctx) => {
    const known = new Set(program.incentives.flatMap((inc) => inc.milestones.map((m) => milestoneRef(inc, m))));
    const seen = new Set<string>();
    program.incentives.forEach((incentive, i) => {
      const tierIds = new Set(incentive.tiers?.levels.map((t) => t.id) ?? []);
      if (incentive.cap && !incentive.milestones.some((m) => m.id === incentive.cap!.countedBy)) {
        ctx.addIssue({ code: 'custom', path: ['incentives', i, 'cap', 'countedBy'], message: `no milestone "${incentive.cap.countedBy}" in this incentive` });
      }
      incentive.milestones.forEach((milestone, j) => {
        const path = ['incentives', i, 'milestones', j];
        const ref = milestoneRef(incentive, milestone);
        if (seen.has(ref)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate milestone ${ref}` });
        seen.add(ref);
        milestone.requires.forEach((requirement, k) => {
          const required = requirementOf(requirement).ref;
          if (!known.has(required)) ctx.addIssue({ code: 'custom', path: [...path, 'requires', k], message: `no milestone ${required} in this program (write kind:id)` });
        });
        for (const ids of payoutTierIds(milestone.payout)) {
          const missing = [...tierIds].filter((id) => !ids.includes(id));
          const unknown = ids.filter((id) => !tierIds.has(id));
          if (missing.length > 0 || unknown.length > 0) {
            ctx.addIssue({ code: 'custom', path: [...path, 'payout'], message: `by-tier must name exactly the incentive's tiers (${[...tierIds].join(', ') || 'none defined'})` });
          }
        }
      });
    });
    const cycle = findRequiresCycle(program.incentives);
    if (cycle) ctx.addIssue({ code: 'custom', path: ['incentives'], message: `milestones require each other in a cycle: ${cycle.join(' -> ')}` });
  });
export type Program = z.infer<typeof Program>;
export type ProgramInput = z.input<typeof Program>;

function findRequiresCycle(incentives: Incentive[]): string[] | undefined {
  const requires = new Map<string, string[]>(incentives.flatMap((inc) => inc.milestones.map((m) => [milestoneRef(inc, m), m.requires.map((r) => requirementOf(r).ref)])));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (ref: string, trail: string[]): string[] | undefined => {
    if (state.get(ref) === 'done') return undefined;
    if (state.get(ref) === 'visiting') return [...trail.slice(trail.indexOf(ref)), ref];
    state.set(ref, 'visiting');
    for (const next of requires.get(ref) ?? []) {
      const cycle = visit(next, [...trail, ref]);
      if (cycle) return cycle;
    }
    state.set(ref, 'done');
    return undefined;
  };
  for (const ref of requires.keys()) {
    const cycle = visit(ref, []);
    if (cycle) return cycle;
  }
  return undefined;
}
