import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defaultPlaybook } from '../../src/config/playbook-files';
import { isBusinessDay, localDateOf, type BusinessCalendar } from '../../src/domain/business-days';
import { parsePlaybook } from '../../src/domain/playbook/parse';
import type { Playbook } from '../../src/domain/playbook/schema';
import { deal } from './fixtures/journeys';
import { journeyEnvironment, ofType, walk } from './journey-support';

/**
 * A handoff SLA in business days on the partner's calendar, through the real deal workflow on the
 * time-skipping server. The fixture deal is booked on Friday 2021-01-15 and its Sales -> CS handoff
 * starts then; the partner works in Berlin and has configured Monday 2021-01-18 as a holiday.
 */

const northwind: BusinessCalendar = { id: 'northwind', name: 'Northwind Systems, Germany', timeZone: 'Europe/Berlin', weekend: ['saturday', 'sunday'], holidays: [{ on: '2021-01-18', name: 'Company day' }] };

/** The default playbook with a 5-business-day Sales -> CS SLA, and two more rungs: 2 business days before, and 30% of the window. */
async function businessDayPlaybook(): Promise<Playbook> {
  const playbook = structuredClone(await defaultPlaybook());
  const [salesToCs, ...others] = playbook.handoffs;
  const { slaDays: _days, ...handoff } = salesToCs!;
  return parsePlaybook({
    ...playbook,
    handoffs: [{ ...handoff, sla: { businessDays: 5 } }, ...others],
    escalation: {
      ...playbook.escalation,
      rungs: [...playbook.escalation.rungs, { id: 'remind-2-business-days', action: 'remind', to: 'R', daysBefore: 2 }, { id: 'remind-early', action: 'remind', to: 'R', atFractionOfWindow: 0.3 }],
    },
  });
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

describe('business calendars', () => {
  it('a 5-business-day SLA started on the Friday before a Monday holiday falls due at the end of the following Monday, each rung on a business day', async () => {
    expect(deal.bookedOn).toBe('2021-01-15');
    const result = await walk(env, 'business-days', [], { playbook: await businessDayPlaybook(), calendars: [northwind], horizon: 'P14D' });
    const timeline = result.view.timeline;

    // Tuesday 19 to Monday 25 are the five business days; the SLA runs out as Tuesday 26 starts in Berlin.
    const [started] = ofType(timeline, 'handoff.started');
    expect(started).toMatchObject({ templateId: 'sales-to-cs', dueAt: '2021-01-25T23:00:00.000Z', calendar: 'northwind', calendarName: 'Northwind Systems, Germany' });
    const sla = result.view.deadlines.find((d) => d.id === 'handoff-sales-to-cs-1')!;
    expect(sla.status).toBe('breached');

    const rungs = [...ofType(timeline, 'deadline.reminder'), ...ofType(timeline, 'deadline.escalated')].filter((e) => e.deadlineId === 'handoff-sales-to-cs-1');
    const fired = Object.fromEntries(rungs.map((e) => [e.rung as string, e.at]));
    expect(fired).toEqual({
      // 30% of the window is the holiday: it fires as Tuesday 19 starts.
      'remind-early': '2021-01-18T23:00:00.000Z',
      'remind-half-window': '2021-01-20T11:30:00.000Z',
      // Three business days before Tuesday 26: Thursday 21 (Monday 25, Friday 22, Thursday 21), not Saturday 23.
      'escalate-lead': '2021-01-20T23:00:00.000Z',
      'remind-2-business-days': '2021-01-21T23:00:00.000Z',
    });
    for (const rung of rungs) {
      expect(isBusinessDay(northwind, localDateOf(northwind, Date.parse(rung.at))), `${rung.rung} at ${rung.at}`).toBe(true);
      expect(rung.calendar).toBe('northwind');
    }
    const [breach] = ofType(timeline, 'deadline.breached').filter((e) => e.deadlineId === 'handoff-sales-to-cs-1');
    expect(breach).toMatchObject({ at: '2021-01-25T23:00:00.000Z', calendar: 'northwind' });
  });
});
