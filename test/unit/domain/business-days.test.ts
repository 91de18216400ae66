import { describe, expect, it } from 'vitest';
import { calendarsForDeal, loadCalendars } from '../../../src/config/calendar-files';
import { addBusinessDays, businessDaysBefore, businessDaysDueAt, DEFAULT_CALENDAR, isBusinessDay, localDateOf, onBusinessDay, startOfLocalDay, type BusinessCalendar } from '../../../src/domain/business-days';
import { rungAt } from '../../../src/domain/deadlines';
import { describeHandoffSla, handoffDue } from '../../../src/domain/playbook/handoff-sla';
import { parsePlaybook } from '../../../src/domain/playbook/parse';
import type { PlaybookInput } from '../../../src/domain/playbook/schema';
import { BusinessCalendar as BusinessCalendarFile } from '../../../src/domain/schemas/business-calendar';
import { formatZodError } from '../../../src/domain/schemas/errors';
import { defaultPlaybookInput } from './support';

/** Berlin, with a configured Monday holiday: Monday 2021-01-18. */
const berlin: BusinessCalendar = { id: 'berlin', name: 'Berlin office', timeZone: 'Europe/Berlin', weekend: ['saturday', 'sunday'], holidays: [{ on: '2021-01-18', name: 'Company day' }] };
const at = (iso: string) => Date.parse(iso);

describe('business days on a calendar', () => {
  it('skips weekends and holidays, counting from the day after', () => {
    expect(isBusinessDay(berlin, '2021-01-15')).toBe(true);
    expect(isBusinessDay(berlin, '2021-01-16')).toBe(false);
    expect(isBusinessDay(berlin, '2021-01-18')).toBe(false);
    expect(addBusinessDays(berlin, '2021-01-15', 1)).toBe('2021-01-19');
    expect(addBusinessDays(berlin, '2021-01-15', 5)).toBe('2021-01-25');
    expect(addBusinessDays(berlin, '2021-01-26', -3)).toBe('2021-01-21');
    expect(addBusinessDays(berlin, '2021-01-19', -1)).toBe('2021-01-15');
  });

  it("reads days in the calendar's time zone, across a change of offset", () => {
    // 23:30Z on Friday is already Saturday in Berlin.
    expect(localDateOf(berlin, at('2021-01-15T23:30:00Z'))).toBe('2021-01-16');
    expect(startOfLocalDay(berlin, '2021-01-26')).toBe(at('2021-01-25T23:00:00Z'));
    // Summer time began on 2021-03-28: that day starts at UTC+1, the next at UTC+2.
    expect(startOfLocalDay(berlin, '2021-03-28')).toBe(at('2021-03-27T23:00:00Z'));
    expect(startOfLocalDay(berlin, '2021-03-29')).toBe(at('2021-03-28T22:00:00Z'));
    expect(localDateOf(DEFAULT_CALENDAR, at('2021-01-15T23:30:00Z'))).toBe('2021-01-15');
  });

  it('a 5-business-day SLA started on the Friday before a Monday holiday is due by the end of the Monday after', () => {
    // Tuesday 19, Wednesday 20, Thursday 21, Friday 22, Monday 25: due when Tuesday 26 starts in Berlin.
    expect(businessDaysDueAt(berlin, at('2021-01-15T09:00:00Z'), 5)).toBe(at('2021-01-25T23:00:00Z'));
    // Started on the holiday itself: the holiday is not counted either.
    expect(businessDaysDueAt(berlin, at('2021-01-18T09:00:00Z'), 1)).toBe(at('2021-01-19T23:00:00Z'));
    const due = handoffDue({ sla: { businessDays: 5 } }, at('2021-01-15T09:00:00Z'), [berlin]);
    expect(due).toEqual({ dueAt: at('2021-01-25T23:00:00Z'), calendar: berlin });
    expect(describeHandoffSla({ sla: { businessDays: 5 } })).toBe('5 business days');
    expect(() => handoffDue({ sla: { businessDays: 5, calendar: 'paris' } }, 0, [berlin])).toThrow('no calendar paris among berlin');
  });

  it("puts each rung of a business-day deadline on a business day: days before count business days, fractions move off holidays", () => {
    const deadline = { startsAt: at('2021-01-15T00:00:00Z'), dueAt: at('2021-01-25T23:00:00Z'), calendar: berlin };
    expect(rungAt({ id: 'two-before', action: 'remind', to: 'R', daysBefore: 2 }, deadline)).toBe(at('2021-01-21T23:00:00Z'));
    expect(rungAt({ id: 'three-before', action: 'escalate', to: 'LEAD', daysBefore: 3 }, deadline)).toBe(at('2021-01-20T23:00:00Z'));
    // 30% of the window is Monday 18 (the holiday), so it fires as Tuesday 19 starts.
    expect(rungAt({ id: 'early', action: 'remind', to: 'R', atFractionOfWindow: 0.3 }, deadline)).toBe(at('2021-01-18T23:00:00Z'));
    // Without a calendar the rung counts calendar days: 3 days before is Saturday.
    expect(rungAt({ id: 'three-before', action: 'escalate', to: 'LEAD', daysBefore: 3 }, { ...deadline, calendar: undefined })).toBe(at('2021-01-22T23:00:00Z'));
    expect(onBusinessDay(berlin, at('2021-01-20T11:30:00Z'))).toBe(at('2021-01-20T11:30:00Z'));
    expect(businessDaysBefore(berlin, at('2021-01-25T23:00:00Z'), 1)).toBe(at('2021-01-24T23:00:00Z'));
  });
});

describe('calendar files', () => {
  const problems = (input: unknown) => {
    const result = BusinessCalendarFile.safeParse(input);
    return result.success ? [] : formatZodError(result.error).split('\n');
  };

  it('takes DOMAIN defaults: Monday to Friday in UTC, no holidays', () => {
    expect(BusinessCalendarFile.parse({ id: 'plain', name: 'Plain' })).toEqual({ id: 'plain', name: 'Plain', timeZone: 'UTC', weekend: ['saturday', 'sunday'], holidays: [] });
  });

  it('refuses unknown keys with the closest name, unknown time zones, weekdays and repeated holidays', () => {
    expect(problems({ id: 'x', name: 'X', holiday: [] })).toEqual(['holiday: unknown field; did you mean holidays?']);
    expect(problems({ id: 'x', name: 'X', timeZone: 'Europe/Berln' })).toEqual(['timeZone: must be an IANA time zone such as Europe/Berlin or UTC']);
    expect(problems({ id: 'x', name: 'X', weekend: ['sunday', 'funday'] })[0]).toMatch(/^weekend\[1\]: /);
    expect(problems({ id: 'x', name: 'X', holidays: [{ on: '2021-01-18', name: 'A' }, { on: '2021-01-18', name: 'B' }] })).toEqual(['holidays[1].on: 2021-01-18 is listed twice']);
    expect(problems({ id: 'x', name: 'X', weekend: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] })).toEqual(['weekend: must leave at least one business day in the week']);
  });

  it("loads the shipped calendars and gives a deal its partner's calendar, else the default", async () => {
    const calendars = await loadCalendars();
    expect(calendars.map((c) => c.id)).toEqual(['default', 'northwind']);
    const playbook = parsePlaybook(defaultPlaybookInput());
    expect(calendarsForDeal(calendars, 'northwind', playbook).map((c) => c.id)).toEqual(['northwind']);
    expect(calendarsForDeal(calendars, 'contoso', playbook).map((c) => c.id)).toEqual(['default']);
    expect(calendarsForDeal([], 'contoso', playbook)).toEqual([DEFAULT_CALENDAR]);
  });

  it('adds the calendars a playbook names, and refuses one the folder lacks', () => {
    const input = structuredClone(defaultPlaybookInput()) as PlaybookInput;
    const { slaDays: _days, ...handoff } = input.handoffs![0]!;
    input.handoffs![0] = { ...handoff, sla: { businessDays: 5, calendar: 'berlin' } };
    const playbook = parsePlaybook(input);
    expect(calendarsForDeal([DEFAULT_CALENDAR, berlin], 'contoso', playbook).map((c) => c.id)).toEqual(['default', 'berlin']);
    expect(() => calendarsForDeal([DEFAULT_CALENDAR], 'contoso', playbook)).toThrow('playbook default counts business days on calendar berlin, which is not in the calendars folder (calendars: default)');
  });
});
