import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  fiscalQuarterOf,
  instantAfterLastDay,
  isoDateOfInstant,
  nextFiscalQuarter,
  windowLastDay,
} from '../../../src/domain/calendar';

const isoDate = fc
  .date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const startMonth = fc.integer({ min: 1, max: 12 });

describe('day and month arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2021-01-31', 1)).toBe('2021-02-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2021-03-31', 1)).toBe('2021-04-30');
    expect(addMonths('2021-05-31', -3)).toBe('2021-02-28');
    expect(addMonths('2021-01-15', 18)).toBe('2022-07-15');
  });

  it('counts days between dates, including across a leap year', () => {
    expect(daysBetween('2021-01-15', '2021-04-15')).toBe(90);
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
    expect(daysBetween('2021-04-15', '2021-01-15')).toBe(-90);
  });

  it('finds the end of a month', () => {
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(endOfMonth('1900-02-10')).toBe('1900-02-28');
    expect(endOfMonth('2000-02-10')).toBe('2000-02-29');
  });

  it('property: addDays agrees with the platform calendar and daysBetween inverts it', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, n)).toBe(expected);
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('property: addMonths lands in the target month and never overflows it', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        const result = addMonths(date, n);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const target = y * 12 + (m - 1) + n;
        const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
        expect(ry * 12 + (rm - 1)).toBe(target);
        expect(rd).toBe(Math.min(d, Number(endOfMonth(result).slice(8))));
      }),
    );
  });
});

describe('fiscal quarters', () => {
  it('names the fiscal year by the calendar year in which it ends (start month 8)', () => {
    expect(fiscalQuarterOf('2021-07-31', 8)).toEqual({ fiscalYear: 2021, quarter: 4, label: 'FY2021 Q4', startsOn: '2021-05-01', endsOn: '2021-07-31' });
    expect(fiscalQuarterOf('2021-08-01', 8)).toEqual({ fiscalYear: 2022, quarter: 1, label: 'FY2022 Q1', startsOn: '2021-08-01', endsOn: '2021-10-31' });
    expect(fiscalQuarterOf('2020-08-01', 8).label).toBe('FY2021 Q1');
    expect(fiscalQuarterOf('2021-01-15', 8)).toEqual({ fiscalYear: 2021, quarter: 2, label: 'FY2021 Q2', startsOn: '2020-11-01', endsOn: '2021-01-31' });
    expect(fiscalQuarterOf('2021-02-01', 8).label).toBe('FY2021 Q3');
  });

  it('is the calendar year with start month 1', () => {
    expect(fiscalQuarterOf('2021-12-31', 1)).toEqual({ fiscalYear: 2021, quarter: 4, label: 'FY2021 Q4', startsOn: '2021-10-01', endsOn: '2021-12-31' });
    expect(fiscalQuarterOf('2022-01-01', 1).label).toBe('FY2022 Q1');
    expect(fiscalQuarterOf('2024-02-29', 1).endsOn).toBe('2024-03-31');
  });

  it('starts in the previous calendar year with start month 12', () => {
    expect(fiscalQuarterOf('2020-12-01', 12)).toEqual({ fiscalYear: 2021, quarter: 1, label: 'FY2021 Q1', startsOn: '2020-12-01', endsOn: '2021-02-28' });
    expect(fiscalQuarterOf('2020-11-30', 12).label).toBe('FY2020 Q4');
    expect(fiscalQuarterOf('2024-01-10', 12).endsOn).toBe('2024-02-29');
  });

  it('moves to the next quarter across the fiscal-year boundary', () => {
    expect(nextFiscalQuarter(fiscalQuarterOf('2021-06-10', 8), 8).label).toBe('FY2022 Q1');
    expect(nextFiscalQuarter(fiscalQuarterOf('2021-02-10', 8), 8)).toMatchObject({ label: 'FY2021 Q4', startsOn: '2021-05-01' });
  });

  it('rejects a start month outside 1-12', () => {
    expect(() => fiscalQuarterOf('2021-01-01', 13)).toThrow(/1-12/);
  });

  it('property: quarters tile the timeline: contiguous, three months each, four per fiscal year', () => {
    fc.assert(
      fc.property(isoDate, startMonth, (date, start) => {
        const q = fiscalQuarterOf(date, start);
        expect(q.startsOn <= date && date <= q.endsOn).toBe(true);
        expect(q.startsOn.slice(8)).toBe('01');
        expect(q.endsOn).toBe(endOfMonth(q.endsOn));
        expect(addMonths(q.startsOn, 3)).toBe(addDays(q.endsOn, 1));
        const next = nextFiscalQuarter(q, start);
        expect(next.startsOn).toBe(addDays(q.endsOn, 1));
        expect(next.quarter).toBe(q.quarter === 4 ? 1 : q.quarter + 1);
        expect(next.fiscalYear).toBe(q.quarter === 4 ? q.fiscalYear + 1 : q.fiscalYear);
        expect(fiscalQuarterOf(q.startsOn, start)).toEqual(q);
        expect(fiscalQuarterOf(q.endsOn, start)).toEqual(q);
      }),
    );
  });

  it('property: the fiscal year ends in the calendar year it is named after', () => {
    fc.assert(
      fc.property(isoDate, startMonth, (date, start) => {
        let q = fiscalQuarterOf(date, start);
        while (q.quarter !== 4) q = nextFiscalQuarter(q, start);
        expect(Number(q.endsOn.slice(0, 4))).toBe(q.fiscalYear);
      }),
    );
  });
});

describe('deadline windows (last day inclusive)', () => {
  it('90 days from booking: booked 2021-01-15, last day 2021-04-15', () => {
    const last = windowLastDay('2021-01-15', { from: 'booking', days: 90 }, 8);
    expect(last).toBe('2021-04-15');
    expect(addDays(last, 1)).toBe('2021-04-16');
  });

  it('12 and 18 months from booking', () => {
    expect(windowLastDay('2021-01-15', { from: 'booking', months: 12 }, 8)).toBe('2022-01-15');
    expect(windowLastDay('2021-01-15', { from: 'booking', months: 18 }, 8)).toBe('2022-07-15');
    expect(windowLastDay('2020-02-29', { from: 'booking', months: 12 }, 8)).toBe('2021-02-28');
  });

  it('12 months from the end of the fiscal quarter of booking ends on a month end', () => {
    expect(windowLastDay('2021-01-15', { from: 'endOfFiscalQuarterOfBooking', months: 12 }, 8)).toBe('2022-01-31');
    expect(windowLastDay('2021-02-01', { from: 'endOfFiscalQuarterOfBooking', months: 12 }, 8)).toBe('2022-04-30');
    expect(windowLastDay('2021-07-31', { from: 'endOfFiscalQuarterOfBooking', months: 12 }, 8)).toBe('2022-07-31');
    // FY quarter Dec 2022 - Feb 2023 ends 2023-02-28; 12 months later is the end of February 2024.
    expect(windowLastDay('2022-12-05', { from: 'endOfFiscalQuarterOfBooking', months: 12 }, 12)).toBe('2024-02-29');
    expect(windowLastDay('2021-01-15', { from: 'endOfFiscalQuarterOfBooking', days: 30 }, 8)).toBe('2021-03-02');
  });

  it('renewal lead times count back from the renewal date', () => {
    expect(windowLastDay('2024-05-31', { before: 'renewal', months: 3 }, 8)).toBe('2024-02-29');
    expect(windowLastDay('2024-03-01', { before: 'renewal', days: 60 }, 8)).toBe('2024-01-01');
  });

  it('fires the deadline timer at 00:00Z on the day after the last day', () => {
    expect(instantAfterLastDay('2021-04-15')).toBe(Date.parse('2021-04-16T00:00:00Z'));
    expect(isoDateOfInstant(Date.parse('2021-04-15T23:59:59.999Z'))).toBe('2021-04-15');
    expect(isoDateOfInstant(instantAfterLastDay('2021-04-15'))).toBe('2021-04-16');
  });

  it('property: the timer instant is the first instant not on the last day', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const instant = instantAfterLastDay(date);
        expect(isoDateOfInstant(instant - 1)).toBe(date);
        expect(isoDateOfInstant(instant)).toBe(addDays(date, 1));
      }),
    );
  });
});
