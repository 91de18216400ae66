import { describe, expect, it } from 'vitest';
import { presentTimelineEntry } from '../../../src/api/timeline-presenter';
import type { TimelineEntry } from '../../../workflows/deal-state';

const noLinks = { urlAt: () => undefined };

describe('timeline sentences', () => {
  it('say which business calendar a deadline counted on, and nothing for calendar days', () => {
    const reminder: TimelineEntry = { id: 't1', at: '2021-01-21T23:00:00.000Z', type: 'deadline.reminder', rung: 'remind-2-business-days', label: 'Sales to CS accepted', recipients: ['chris.lee@northwind.example'], calendar: 'northwind', calendarName: 'Northwind Systems, Germany' };
    expect(presentTimelineEntry(reminder, new Map(), noLinks).summary).toBe('Reminder (remind-2-business-days) on Sales to CS accepted to chris.lee@northwind.example (business days on the Northwind Systems, Germany calendar)');
    const { calendar: _id, calendarName: _name, ...inDays } = reminder;
    expect(presentTimelineEntry(inDays, new Map(), noLinks).summary).toBe('Reminder (remind-2-business-days) on Sales to CS accepted to chris.lee@northwind.example');
  });
});
