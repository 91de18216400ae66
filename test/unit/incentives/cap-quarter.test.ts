import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar';
import { DealFacts } from '../../../src/incentives/facts-schema';
import { capCountedOn, capDecision } from '../../../src/incentives/rules/caps';
import { evaluateIncentives } from '../../../src/incentives/rules/evaluate';
import { BOOKED_ON, fy2021, makeDeal, makePartner } from './fixtures';

const adopt = fy2021.incentives.find((i) => i.kind === 'adopt')!;
const deal = makeDeal();
const partner = makePartner('specialized');
const signed = (on: string) => ({ kind: 'signature' as const, signedBy: 'Jo Park', signedOn: on });

/** The cap key every capped line of the quotes names, and the key the caps entity is asked to reserve. */
function keys(facts: DealFacts, asOf: string) {
  const quotes = evaluateIncentives({ program: fy2021, deal, partner, facts, asOf });
  const quoted = quotes.flatMap((q) => q.breakdown.flatMap((line) => /^subject to the cap of .* \((.+)\)$/.exec(line)?.[1] ?? []));
  const countedOn = capCountedOn(fy2021, adopt, quotes);
  const reserved = countedOn === undefined ? undefined : capDecision({ program: fy2021, incentiveKind: 'adopt', deal, partner, countedOn });
  return { quoted, reserved: reserved?.limited ? reserved.key : undefined };
}

describe('the cap quarter quoted is the quarter reserved (issue 10 item 3)', () => {
  it('counts a late plan registration in the quarter the plan was received', () => {
    // Plan received in FY2021 Q3, outcomes in FY2022 Q2: the registration is the plan.
    const facts = DealFacts.parse({
      successPlan: { version: 1, submittedOn: '2021-04-20', receivedOn: '2021-04-20' },
      businessOutcomes: { reportId: 'R1', reportedOn: '2021-11-20', receivedOn: '2021-11-20', confirmation: signed('2021-11-20') },
    });
    const { quoted, reserved } = keys(facts, '2021-12-01');
    expect(reserved).toBe('adopt/partner-1/data-center/FY2021-Q3/standard');
    expect(quoted).toEqual([reserved]);
  });

  it('agrees for any plan and outcomes dates', () => {
    const day = fc.integer({ min: 0, max: 500 }).map((n) => addDays(BOOKED_ON, n));
    fc.assert(
      fc.property(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined }), day, (planOn, outcomesOn, asOf) => {
        const facts = DealFacts.parse({
          ...(planOn ? { successPlan: { version: 1, submittedOn: planOn, receivedOn: planOn } } : {}),
          ...(outcomesOn ? { businessOutcomes: { reportId: 'R1', reportedOn: outcomesOn, receivedOn: outcomesOn, confirmation: signed(outcomesOn) } } : {}),
        });
        const { quoted, reserved } = keys(facts, asOf);
        for (const key of quoted) expect(key).toBe(reserved);
      }),
      { numRuns: 300 },
    );
  });
});
