import { describe, expect, it } from 'vitest';
import { escalationPlan, ladderSchedule } from '../../../src/domain/ladder';
import { fullTeam, person, playbook } from './support';

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const at = (days: number) => start + days * DAY;

describe('ladder schedule', () => {
  it('places the DOMAIN default rungs of a 60-day window in order, then the breach', () => {
    expect(ladderSchedule(playbook.escalation, start, at(60))).toEqual([
      { id: 'remind-half-window', action: 'remind', to: ['R'], atMs: at(30) },
      { id: 'remind-14-days', action: 'remind', to: ['R'], atMs: at(46) },
      { id: 'escalate-accountable', action: 'escalate', to: ['A'], atMs: at(53) },
      { id: 'escalate-lead', action: 'escalate', to: ['LEAD'], atMs: at(57) },
      { id: 'breach', action: 'breach', to: ['LEAD'], atMs: at(60) },
    ]);
  });

  it('orders by time, not by ladder order: in a 20-day window 14 days before comes before half-way', () => {
    expect(ladderSchedule(playbook.escalation, start, at(20)).map((r) => [r.id, (r.atMs - start) / DAY])).toEqual([
      ['remind-14-days', 6],
      ['remind-half-window', 10],
      ['escalate-accountable', 13],
      ['escalate-lead', 17],
      ['breach', 20],
    ]);
  });

  it('drops rungs that would fall before the window starts', () => {
    expect(ladderSchedule(playbook.escalation, start, at(10)).map((r) => r.id)).toEqual(['escalate-accountable', 'remind-half-window', 'escalate-lead', 'breach']);
    expect(ladderSchedule(playbook.escalation, start, at(2)).map((r) => r.id)).toEqual(['remind-half-window', 'breach']);
  });

  it('keeps a rung falling exactly at the window start', () => {
    expect(ladderSchedule(playbook.escalation, start, at(14)).map((r) => r.id)).toContain('remind-14-days');
  });

  it('resolves recipients per rung for a handoff deadline', () => {
    const plan = escalationPlan(playbook, fullTeam, { handoff: 'sales-to-cs' }, start, at(14));
    expect(plan.map((r) => [r.id, r.recipients.map((p) => p.id)])).toEqual([
      ['remind-14-days', [person('AM').id]],
      ['remind-half-window', [person('AM').id]],
      ['escalate-accountable', [person('AM').id, person('CSM').id]],
      ['escalate-lead', [person('LEAD').id]],
      ['breach', [person('LEAD').id]],
    ]);
    expect(plan.at(-1)!.via).toEqual({ LEAD: 'team' });
  });
});
