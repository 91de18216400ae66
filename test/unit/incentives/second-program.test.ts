import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/config/program-files';
import { claim, evidence, makeDeal, makePartner, quotes } from './fixtures';

const rebate = await loadProgram('cx-rebate-v1');
// TCV = $120,000 software + $99,999 services = $219,999.
const deal = makeDeal();
const usage = (readings: [string, number][]) => readings.map(([observedOn, active]) => evidence('active-usage', observedOn, { licensedUsers: 100, activeUsers: active }));
const base = {
  successPlan: { submittedOn: '2021-03-01' },
  attestations: [{ id: 'value-added-selling', recordedOn: '2021-01-20' }],
};
const asOf = '2021-12-31';

describe('second program: sustained-usage rebate (DOMAIN 5.4)', () => {
  it('loads from its own file with its own incentive kind and calendar', () => {
    expect(rebate).toMatchObject({ id: 'cx-rebate-v1', fiscalYearStartMonth: 7 });
    expect(rebate.incentives.map((i) => i.kind)).toEqual(['rebate']);
  });

  it('pays a % of TCV once 60% active usage is sustained for 3 consecutive months', () => {
    const all = quotes({ program: rebate, deal, partner: makePartner('specialized'), facts: { ...base, usage: usage([['2021-04-10', 60], ['2021-05-10', 75], ['2021-05-25', 61], ['2021-06-10', 90]]) }, asOf });
    const q = claim(all, 'rebate:sustained-usage');
    expect(q).toMatchObject({ incentive: 'rebate', eligible: true, amountUsd: 4_399.98, provenOn: '2021-06-10', program: { id: 'cx-rebate-v1', version: 1 } });
    expect(q.breakdown).toContain('met in every reading for 3 consecutive months, 2021-04 to 2021-06');
    expect(q.breakdown).toContain('2% of the total contract value $219,999 = $4,399.98');
    expect(claim(all, 'rebate:success-plan')).toMatchObject({ eligible: true, amountUsd: 0 });
  });

  it('breaks the run on a dip, a gap month or too few months', () => {
    const partner = makePartner('specialized');
    const dip = quotes({ program: rebate, deal, partner, facts: { ...base, usage: usage([['2021-04-10', 70], ['2021-05-10', 70], ['2021-05-20', 59], ['2021-06-10', 70]]) }, asOf });
    expect(claim(dip, 'rebate:sustained-usage')).toMatchObject({ eligible: false, reasonCode: 'condition-not-met' });
    expect(claim(dip, 'rebate:sustained-usage').reason).toContain('longest run of months meeting the condition: 1, needs 3 consecutive');
    const gap = quotes({ program: rebate, deal, partner, facts: { ...base, usage: usage([['2021-04-10', 70], ['2021-05-10', 70], ['2021-07-10', 70]]) }, asOf });
    expect(claim(gap, 'rebate:sustained-usage').reasonCode).toBe('condition-not-met');
  });

  it('needs the success plan within 90 days and the value-added selling registration', () => {
    const readings = usage([['2021-04-10', 70], ['2021-05-10', 70], ['2021-06-10', 70]]);
    const latePlan = quotes({ program: rebate, deal, partner: makePartner('advanced'), facts: { ...base, successPlan: { submittedOn: '2021-04-16' }, usage: readings }, asOf });
    expect(claim(latePlan, 'rebate:success-plan').reasonCode).toBe('window-closed');
    expect(claim(latePlan, 'rebate:sustained-usage')).toMatchObject({ eligible: false, reasonCode: 'requires' });
    const unregistered = quotes({ program: rebate, deal, partner: makePartner('advanced'), facts: { successPlan: base.successPlan, usage: readings }, asOf });
    expect(claim(unregistered, 'rebate:sustained-usage')).toMatchObject({ eligible: false, reasonCode: 'missing-attestation', reason: 'not recorded on the deal: value-added-selling' });
  });

  it('closes its window on the renewal date', () => {
    const q = claim(quotes({ program: rebate, deal: makeDeal({ renewal: { date: '2022-01-15' } }), partner: makePartner('specialized'), facts: base, asOf: '2022-01-16' }), 'rebate:sustained-usage');
    expect(q).toMatchObject({ deadline: '2022-01-15', reasonCode: 'window-closed' });
  });
});
