import { describe, expect, it } from 'vitest';
import {
  deadlineChangeRefusal,
  dueRungs,
  extendDeadline,
  isBreached,
  ladderOf,
  nextAttentionAt,
  pauseDeadline,
  resumeDeadline,
  rungAt,
  type Deadline,
} from '../../../src/domain/deadlines';
import { playbook } from './support';

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const at = (days: number) => start + days * DAY;
const ladder = playbook.escalation;

const deadline = (days: number, changes: Partial<Deadline> = {}): Deadline => ({
  id: 'adopt-success-plan',
  kind: 'incentive',
  label: 'Success plan',
  subject: { step: 'onboard' },
  startsAt: start,
  dueAt: at(days),
  status: 'open',
  firedRungs: [],
  extensions: [],
  ...changes,
});

describe('the escalation ladder of one deadline', () => {
  it('places the DOMAIN default rungs of a 60-day window in order, then the breach', () => {
    expect(ladderOf(ladder, deadline(60))).toEqual([
      { id: 'remind-half-window', action: 'remind', at: at(30), fired: false },
      { id: 'remind-14-days', action: 'remind', at: at(46), fired: false },
      { id: 'escalate-accountable', action: 'escalate', at: at(53), fired: false },
      { id: 'escalate-lead', action: 'escalate', at: at(57), fired: false },
      { id: 'breach', action: 'breach', at: at(60), fired: false },
    ]);
  });

  it('marks what fell due before a past-booked deal entered Baton: rungs spent unsent, not fired; the breach recorded', () => {
    const spent = deadline(60, { status: 'breached', firedRungs: ['remind-half-window', 'remind-14-days', 'escalate-accountable', 'escalate-lead'] });
    expect(ladderOf(ladder, spent, at(50)).map(({ id, fired, beforeEntry }) => [id, fired, beforeEntry ?? false])).toEqual([
      ['remind-half-window', false, true],
      ['remind-14-days', false, true],
      ['escalate-accountable', true, false],
      ['escalate-lead', true, false],
      ['breach', true, false],
    ]);
    expect(ladderOf(ladder, spent, at(61)).at(-1)).toEqual({ id: 'breach', action: 'breach', at: at(60), fired: true, beforeEntry: true });
    // A deal that entered on its booking day has nothing before its entry.
    expect(ladderOf(ladder, spent).some((step) => step.beforeEntry)).toBe(false);
  });

  it('orders by time, not by ladder order: in a 20-day window 14 days before comes before half-way', () => {
    expect(ladderOf(ladder, deadline(20)).map((r) => [r.id, (r.at - start) / DAY])).toEqual([
      ['remind-14-days', 6],
      ['remind-half-window', 10],
      ['escalate-accountable', 13],
      ['escalate-lead', 17],
      ['breach', 20],
    ]);
  });

  it('drops rungs at or before the window start: a 14-day window has no "14 days before" reminder', () => {
    expect(ladderOf(ladder, deadline(10)).map((r) => r.id)).toEqual(['escalate-accountable', 'remind-half-window', 'escalate-lead', 'breach']);
    expect(ladderOf(ladder, deadline(14)).map((r) => r.id)).not.toContain('remind-14-days');
    expect(ladderOf(ladder, deadline(2)).map((r) => r.id)).toEqual(['remind-half-window', 'breach']);
  });

  it('rounds a fraction of the window to the millisecond', () => {
    const odd = deadline(0, { dueAt: start + 3 });
    expect(rungAt(ladder.rungs[0]!, odd)).toBe(start + 2);
  });

  it('fires what is due by now, once, in firing order, and the breach at the due instant', () => {
    const d = deadline(60);
    expect(dueRungs(ladder, d, at(29))).toEqual([]);
    expect(dueRungs(ladder, d, at(47)).map((r) => r.id)).toEqual(['remind-half-window', 'remind-14-days']);
    expect(dueRungs(ladder, { ...d, firedRungs: ['remind-half-window'] }, at(47)).map((r) => r.id)).toEqual(['remind-14-days']);
    expect(isBreached(d, at(60) - 1)).toBe(false);
    expect(isBreached(d, at(60))).toBe(true);
    expect(nextAttentionAt(ladder, [{ ...d, firedRungs: ['remind-half-window'] }])).toBe(at(46));
  });

  it('fires nothing while paused or closed', () => {
    const paused = pauseDeadline(deadline(60), { at: at(1), by: 'lead', reason: 'customer freeze' });
    expect(dueRungs(ladder, paused, at(59))).toEqual([]);
    expect(isBreached(paused, at(61))).toBe(false);
    expect(nextAttentionAt(ladder, [paused, deadline(60, { status: 'met' })])).toBeUndefined();
  });

  it('an extension re-arms the rungs now ahead and does not fire those left behind', () => {
    const fired = deadline(60, { firedRungs: ['remind-half-window', 'remind-14-days'] });
    const extension = { by: 'am', reason: 'customer asked', at: new Date(at(47)).toISOString(), fromDueAt: new Date(at(60)).toISOString(), toDueAt: new Date(at(90)).toISOString() };
    const moved = extendDeadline(ladder, fired, at(90), extension, at(47));
    expect(moved.dueAt).toBe(at(90));
    // Half-way is now day 45, already behind: counted as fired, not sent late.
    expect(moved.firedRungs).toEqual(['remind-half-window']);
    expect(dueRungs(ladder, moved, at(47))).toEqual([]);
    expect(dueRungs(ladder, moved, at(76)).map((r) => r.id)).toEqual(['remind-14-days']);
  });

  it('resuming moves the due instant by the time paused, to the minute', () => {
    const paused = pauseDeadline(deadline(60), { at: at(10), by: 'lead', reason: 'freeze' });
    const resumed = resumeDeadline(ladder, paused, at(15) + 20_000);
    expect(resumed.dueAt).toBe(at(65));
    expect(resumed.paused).toBeUndefined();
  });
});

describe('refusals of extend, pause and resume', () => {
  const deadlines = [deadline(60), deadline(30, { id: 'use', status: 'breached' }), pauseDeadline(deadline(90, { id: 'renewal' }), { at: start, by: 'lead', reason: 'x' })];

  it('names the deadlines there are when the id is unknown', () => {
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.pause', deadlineId: 'nope' })).toBe('there is no deadline "nope" on this deal (deadlines: adopt-success-plan, use, renewal)');
  });

  it('refuses a closed deadline, a double pause, a resume of a running one and an extension while paused', () => {
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.extend', deadlineId: 'use' })).toBe('the deadline use is breached');
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.pause', deadlineId: 'renewal' })).toBe('the deadline renewal is already paused');
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.resume', deadlineId: 'adopt-success-plan' })).toBe('the deadline adopt-success-plan is not paused');
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.extend', deadlineId: 'renewal' })).toBe('the deadline renewal is paused: resume it before extending it');
  });

  it('refuses an "until" that does not move the deadline later, and allows one that does', () => {
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.extend', deadlineId: 'adopt-success-plan', until: '2026-03-01' })).toBe(
      '2026-03-01 does not extend the deadline adopt-success-plan: it is already due by the end of 2026-03-01',
    );
    expect(deadlineChangeRefusal(deadlines, { type: 'deadline.extend', deadlineId: 'adopt-success-plan', until: '2026-03-02' })).toBeUndefined();
  });
});
