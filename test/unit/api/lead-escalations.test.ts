import { describe, expect, it } from 'vitest';
import { escalationsALeadSees, type EscalatedDeal } from '../../../src/api/lead-escalations';

const deadline = (id: string, status: 'open' | 'met' | 'breached' | 'cancelled') => ({ id, status, label: `${id} due` }) as EscalatedDeal['view']['deadlines'][number];
const entry = (id: string, type: string, deadlineId: string, at: string, rung?: string) => ({ id, type, deadlineId, at, ...(rung ? { rung } : {}), recipients: ['lee@partner.example'], dueAt: '2026-03-01T00:00:00.000Z' }) as EscalatedDeal['view']['escalations'][number];

const deals: EscalatedDeal[] = [
  {
    dealId: 'acme',
    workflowId: 'deal:northwind:acme',
    view: {
      deadlines: [deadline('adopt-plan', 'open'), deadline('use', 'met')],
      escalations: [
        entry('t4', 'deadline.reminder', 'adopt-plan', '2026-02-01T00:00:00.000Z', 'remind-50'),
        entry('t5', 'deadline.escalated', 'adopt-plan', '2026-02-20T00:00:00.000Z', 'escalate-accountable'),
        entry('t6', 'deadline.escalated', 'adopt-plan', '2026-02-26T00:00:00.000Z', 'escalate-lead'),
        entry('t7', 'deadline.escalated', 'use', '2026-02-27T00:00:00.000Z', 'escalate-lead'),
      ],
    },
  },
  {
    dealId: 'globex',
    workflowId: 'deal:northwind:globex',
    view: { deadlines: [deadline('handoff-sales-to-cs-1', 'breached'), deadline('renewal', 'cancelled')], escalations: [entry('t9', 'deadline.breached', 'handoff-sales-to-cs-1', '2026-02-25T00:00:00.000Z'), entry('t3', 'deadline.escalated', 'renewal', '2026-02-28T00:00:00.000Z', 'escalate-lead')] },
  },
];

describe("the escalations a practice lead's inbox holds", () => {
  it('holds the latest escalation or breach of every deadline still open or missed, on any deal of the partner, newest first', () => {
    expect(escalationsALeadSees(['LEAD'], deals)).toEqual([
      { dealId: 'acme', workflowId: 'deal:northwind:acme', deadlineId: 'adopt-plan', label: 'adopt-plan due', type: 'deadline.escalated', rung: 'escalate-lead', at: '2026-02-26T00:00:00.000Z', dueAt: '2026-03-01T00:00:00.000Z', recipients: ['lee@partner.example'] },
      { dealId: 'globex', workflowId: 'deal:northwind:globex', deadlineId: 'handoff-sales-to-cs-1', label: 'handoff-sales-to-cs-1 due', type: 'deadline.breached', rung: 'breach', at: '2026-02-25T00:00:00.000Z', dueAt: '2026-03-01T00:00:00.000Z', recipients: ['lee@partner.example'] },
    ]);
  });

  it('is empty for anyone who is not a practice lead, the executive sponsor included', () => {
    expect(escalationsALeadSees(['AM', 'CSM'], deals)).toEqual([]);
    expect(escalationsALeadSees(['EXEC'], deals)).toEqual([]);
  });
});
