import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import type { History } from '@temporalio/worker';
import { createClaimsActivities } from '../../activities/claims';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { loadProgram } from '../../src/config/program-files';
import { addDays } from '../../src/domain/calendar';
import { Deal } from '../../src/domain/schemas/deal';
import { LineItem as LineItemSchema } from '../../src/domain/schemas/deal';
import type { UsageEvidence } from '../../src/domain/schemas/evidence';
import type { CustomerConfirmation } from '../../src/domain/schemas/outcomes';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { listLedgerClaims } from '../../src/db/claims/claim-queries';
import { DealFacts } from '../../src/incentives/facts-schema';
import type { NewFact } from '../../src/incentives/facts/new-fact';
import { recordFact } from '../../src/incentives/facts/record-fact';
import type { ClaimInput } from '../../src/incentives/claim-schema';
import { evaluateIncentives } from '../../src/incentives/rules/evaluate';
import type { StepOutcome } from '../../src/simulation/run-journey';
import { instantAfter, type ScriptStep } from '../../src/simulation/script';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { provenDates } from '../support/proven-dates';
import { tempDir } from '../support/temporal';
import { deal as fixtureDeal, partner } from '../workflows/fixtures/journeys';
import { onFreshServer } from '../workflows/journey-support';
import { LAST_DAY, moneyScript } from './money-script-arbitrary';
import { walkOrExplain } from './walk-or-explain';

/**
 * Money integrity through the real deal workflow on the time-skipping server, its claims booked in
 * a real claims ledger: whatever money actions arrive (duplicates, any order, back- and
 * forward-dated, with months skipped between them), the deal never asks the sink twice for one
 * milestone, never claims proof received outside its window, and never claims more in total than
 * `baton quote` (evaluateIncentives) computes for the same facts on the same day.
 * BATON_FUZZ_RUNS raises the runs, BATON_FUZZ_SEED replays one.
 */

const numRuns = Number(process.env.BATON_FUZZ_RUNS ?? 6);
const seed = Number(process.env.BATON_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Past the last resend (60 days after the last day), so every window the script touched has closed. */
const HORIZON_DAYS = LAST_DAY + 61;

const program = await loadProgram('fy2021-lifecycle');
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** The milestone of every submitClaim the deal scheduled, across its runs: what it asked the sink for. */
function submittedMilestones(histories: { history: History }[]): string[] {
  return histories.flatMap(({ history }) =>
    (history.events ?? []).flatMap((e) => {
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'submitClaim') return [];
      const [input] = scheduled.input?.payloads ?? [];
      return [defaultPayloadConverter.fromPayload<{ claim: ClaimInput }>(input!).claim.milestone];
    }),
  );
}

/** The fact an accepted step brought, as the deal judges it (`workflows/deal/facts.ts`). */
function factOfStep(step: ScriptStep, planVersion: number): NewFact | undefined {
  switch (step.action) {
    case 'successPlan.submit':
      return { kind: 'success-plan', version: 1 };
    case 'successPlan.revise':
      return { kind: 'success-plan', version: planVersion + 1 };
    case 'outcomes.record':
      return { kind: 'business-outcomes', reportId: step.reportId as string, confirmation: (step.report as { confirmation: CustomerConfirmation }).confirmation };
    case 'usage.record':
      return { kind: 'usage', evidence: step.evidence as UsageEvidence };
    case 'expansion.book':
      // Parsed as the API and the deal parse them: a line is software unless it says otherwise.
      return { kind: 'expansion', orderRef: step.orderRef as string, bookedOn: step.bookedOn as string, lineItems: (step.lineItems as unknown[]).map((line) => LineItemSchema.parse(line)) };
    default:
      return undefined;
  }
}

/** The deal's facts rebuilt from the steps it accepted, each received on the business day it arrived. */
function factsOfAccepted(script: ScriptStep[], outcomes: StepOutcome[]): DealFacts {
  // runJourney applies the steps in this order and reports their outcomes in it.
  const ordered = [...script].sort((a, b) => instantAfter(fixtureDeal.bookedOn, a.at) - instantAfter(fixtureDeal.bookedOn, b.at));
  let facts = DealFacts.parse({});
  let planVersion = 0;
  ordered.forEach((step, i) => {
    const outcome = outcomes[i]!;
    expect(outcome.action).toBe(step.action);
    const fact = outcome.outcome === 'accepted' ? factOfStep(step, planVersion) : undefined;
    if (!fact) return;
    const judged = recordFact(facts, fact, { bookedOn: fixtureDeal.bookedOn, today: outcome.at.slice(0, 10) });
    expect(judged.outcome, `${JSON.stringify(step)} was accepted by the deal`).not.toBe('refused');
    if (judged.outcome !== 'recorded') return;
    facts = judged.facts;
    if (fact.kind === 'success-plan') planVersion = fact.version;
  });
  return facts;
}

const cents = (usd: number) => Math.round(usd * 100);

describe('money through the deal workflow under generated action scripts', () => {
  it('never two claims for one milestone, never proof received outside its window, never more than the quote', async () => {
    console.log(`[money fuzz] seed ${seed} (BATON_FUZZ_SEED=${seed} repeats it), ${numRuns} runs`);
    const ledger = new ClaimsLedger(database.db);
    let run = 0;
    let claimsBooked = 0;
    await fc.assert(
      fc.asyncProperty(moneyScript, async (script) => {
        const dealId = `money-${seed}-${run++}`;
        const activities = createClaimsActivities({ claims: new OutboxClaimsGateway({ dataDir: tempDir('money-outbox') }), ledger });
        const result = await onFreshServer((env) => walkOrExplain(env, dealId, script, { horizon: `P${HORIZON_DAYS}D`, activities }));

        // Once at the sink: one submitClaim per milestone in the deal's histories, one ledger row each.
        const asked = submittedMilestones(result.histories);
        expect(asked).toEqual([...new Set(asked)]);
        const booked = (await listLedgerClaims(database.db, { partnerId: partner.id, dealId })).map((c) => c.claim);
        expect(booked.map((c) => c.milestone).sort()).toEqual([...asked].sort());
        expect(result.view.claims.map((c) => c.milestone).sort()).toEqual([...asked].sort());
        claimsBooked += booked.length;

        // The same facts on the same day, as `baton quote` evaluates them.
        const facts = factsOfAccepted(script, result.steps);
        const deal = Deal.parse({ ...fixtureDeal, id: dealId });
        const today = addDays(deal.bookedOn, HORIZON_DAYS);
        const quotes = evaluateIncentives({ program, deal, partner, facts, asOf: today });
        for (const claim of booked) {
          const quote = quotes.find((q) => q.milestone === claim.milestone);
          expect(quote?.deadline, claim.milestone).toBe(claim.deadline);
          expect(claim.earnedOn <= claim.deadline, `${claim.milestone} earned ${claim.earnedOn}, window closed ${claim.deadline}`).toBe(true);
          expect(provenDates(program, facts, claim.milestone), claim.milestone).toContain(claim.earnedOn);
        }
        const quoted = quotes.filter((q) => q.eligible).reduce((sum, q) => sum + cents(q.amountUsd), 0);
        expect(booked.reduce((sum, c) => sum + cents(c.amountUsd), 0)).toBeLessThanOrEqual(quoted);
      }),
      { numRuns, seed, endOnFailure: true },
    );
    console.log(`[money fuzz] ${claimsBooked} claims booked in ${numRuns} runs`);
  }, 600_000);
});
