import { expect, it } from 'vitest';
import { renewalDate } from '../../../src/domain/renewal-date';

it('renews on the stated date, or the booking plus the term (clamped to the month end)', () => {
  expect(renewalDate({ bookedOn: '2021-01-15', renewal: { date: '2023-06-30' } })).toBe('2023-06-30');
  expect(renewalDate({ bookedOn: '2021-01-15', renewal: { termMonths: 36 } })).toBe('2024-01-15');
  expect(renewalDate({ bookedOn: '2023-01-31', renewal: { termMonths: 13 } })).toBe('2024-02-29');
});
