import { describe, expect, it } from 'vitest';
import type { DealFactsInput } from '../../../src/incentives/facts-schema';
import { claim, makeDeal, makePartner, quotes } from './fixtures';

const adopted: DealFactsInput = {
  successPlan: { submittedOn: '2021-03-01' },
  businessOutcomes: { reportedOn: '2021-11-20', confirmation: { kind: 'signature', signedBy: 'Jo Park', signedOn: '2021-11-20' } },
};
const booking = (bookedOn: string, netValueUsd: number, software = true) => ({ bookedOn, lineItems: [{ sku: 'SW-2', netValueUsd, software }] });
const asOf = '2022-08-01';

function expand(options: { level: 'none' | 'specialized' | 'advanced'; ea?: boolean; expansions: NonNullable<DealFactsInput['expansions']>; facts?: DealFactsInput }) {
  return quotes({ deal: makeDeal({ ea: options.ea ?? false }), partner: makePartner(options.level), facts: { ...(options.facts ?? adopted), expansions: options.expansions }, asOf });
}

describe('Expand', () => {
  it('pays 3% of the expansion software booking to a specialized partner', () => {
    const q = claim(expand({ level: 'specialized', expansions: [booking('2022-01-10', 100_000)] }), 'expand:booking-1');
    expect(q).toMatchObject({ eligible: true, amountUsd: 3_000, provenOn: '2022-01-10', deadline: '2022-07-15' });
    expect(q.breakdown).toContain('3% of the expansion software booking $100,000 = $3,000');
  });

  it('pays 6% to an advanced partner', () => {
    expect(claim(expand({ level: 'advanced', expansions: [booking('2022-01-10', 100_000)] }), 'expand:booking-1')).toMatchObject({ eligible: true, amountUsd: 6_000 });
  });

  it('rounds to the cent and counts only software lines', () => {
    const mixed = { bookedOn: '2022-01-10', lineItems: [{ sku: 'SW', netValueUsd: 33_333.33 }, { sku: 'SVC', netValueUsd: 50_000, software: false }] };
    expect(claim(expand({ level: 'specialized', expansions: [mixed] }), 'expand:booking-1').amountUsd).toBe(1_000);
  });

  it('refuses a partner without CX specialization', () => {
    expect(claim(expand({ level: 'none', expansions: [booking('2022-01-10', 100_000)] }), 'expand:booking-1')).toMatchObject({ eligible: false, reasonCode: 'specialization' });
  });

  it('computes no automatic amount under an Enterprise Agreement', () => {
    const q = claim(expand({ level: 'advanced', ea: true, expansions: [booking('2022-01-10', 100_000)] }), 'expand:booking-1');
    expect(q).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'no-automatic-amount', reason: 'EA expansion is paid on adoption within the EA: no automatic amount' });
  });

  it('needs the adoption to have succeeded before the expansion booking', () => {
    const before = claim(expand({ level: 'advanced', expansions: [booking('2021-10-01', 100_000)] }), 'expand:booking-1');
    expect(before).toMatchObject({ eligible: false, reasonCode: 'requires', reason: 'requires adopt:business-outcomes first: proven 2021-11-20, after this proof (2021-10-01)' });
    const never = claim(expand({ level: 'advanced', expansions: [booking('2022-01-10', 100_000)], facts: { successPlan: { submittedOn: '2021-03-01' } } }), 'expand:booking-1');
    expect(never.reasonCode).toBe('requires');
    expect(claim(expand({ level: 'advanced', expansions: [booking('2021-11-20', 100_000)] }), 'expand:booking-1').eligible).toBe(true);
  });

  it('closes 18 months after the original sale: booked 2021-01-15, last day 2022-07-15', () => {
    expect(claim(expand({ level: 'advanced', expansions: [booking('2022-07-15', 10_000)] }), 'expand:booking-1')).toMatchObject({ eligible: true, amountUsd: 600 });
    expect(claim(expand({ level: 'advanced', expansions: [booking('2022-07-16', 10_000)] }), 'expand:booking-1')).toMatchObject({ eligible: false, reasonCode: 'window-closed' });
  });

  it('quotes each expansion booking separately, and a pending one when there is none', () => {
    const two = expand({ level: 'specialized', expansions: [booking('2022-01-10', 100_000), booking('2022-03-10', 200_000)] });
    expect(two.filter((q) => q.incentive === 'expand').map((q) => [q.milestone, q.amountUsd])).toEqual([
      ['expand:booking-1', 3_000],
      ['expand:booking-2', 6_000],
    ]);
    const none = quotes({ facts: adopted, asOf: '2022-01-01' }).filter((q) => q.incentive === 'expand');
    expect(none).toEqual([expect.objectContaining({ milestone: 'expand:booking-1', eligible: false, reasonCode: 'not-yet-evidenced', deadline: '2022-07-15' })]);
  });
});
