import { describe, expect, it } from 'vitest';
import { listPrograms } from '../../../src/config/program-files';
import { describePayout, describeWindow, presentProgram } from '../../../src/api/program-presenter';

describe('the program page in words', () => {
  it('says each window and payout rule the way the program file means it', () => {
    expect(describeWindow({ from: 'endOfFiscalQuarterOfBooking', months: 12 })).toBe('12 months from the end of the fiscal quarter of the booking');
    expect(describeWindow({ from: 'booking', days: 90 })).toBe('90 days from the booking');
    expect(describeWindow({ before: 'renewal', days: 60 })).toBe('60 days before the renewal');
    expect(describePayout({ type: 'fixed', usd: 5000 })).toBe('$5,000');
    expect(describePayout({ type: 'per-unit', rates: [{ metric: 'accessPoints', usd: 10, unitLabel: 'access points' }], minimumUsd: 500, maximumUsd: 12500 })).toBe('$10 per access points (min $500, max $12,500)');
    expect(describePayout({ type: 'percent', of: 'deal-software', percent: 2.5 })).toBe("2.5% of the deal's software");
    expect(describePayout({ type: 'by-agreement', standard: { type: 'fixed', usd: 15000 }, enterpriseAgreement: { type: 'unpaid', note: 'EA' } })).toBe('standard: $15,000; EA: required, unpaid (EA)');
  });

  it('presents every shipped program with a window per incentive and an amount per milestone', async () => {
    for (const program of await listPrograms()) {
      const view = presentProgram(program);
      expect(view.incentives.length, program.id).toBe(program.incentives.length);
      for (const incentive of view.incentives) {
        expect(incentive.window).toMatch(/\d+ (days|months) (from|before)/);
        for (const milestone of incentive.milestones) expect(milestone.payout, `${program.id} ${incentive.kind}:${milestone.id}`).not.toBe('');
      }
    }
  });
});
