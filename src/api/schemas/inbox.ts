import { z } from 'zod';

export const InboxItem = z
  .object({
    dealId: z.string(),
    workflowId: z.string(),
    kind: z.enum(['step', 'handoff']),
    id: z.string().describe('the step id or the handoff template id'),
    name: z.string(),
    letters: z.array(z.enum(['R', 'A'])).describe('Responsible and/or Accountable'),
    status: z.string().optional().describe('for handoffs: open or returned'),
    stage: z.string().optional(),
    dueAt: z.string().optional(),
    timeLeftMs: z.number().optional(),
    deadlineLabel: z.string().optional(),
    escalation: z
      .object({ type: z.string().describe('deadline.reminder, deadline.escalated or deadline.breached'), rung: z.string(), at: z.string() })
      .optional()
      .describe("the deadline's latest rung fired, if any"),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof InboxItem>;

export const LeadEscalationItem = z
  .object({
    dealId: z.string(),
    workflowId: z.string(),
    deadlineId: z.string(),
    label: z.string(),
    type: z.enum(['deadline.escalated', 'deadline.breached']),
    rung: z.string().describe("the rung's id, or breach"),
    at: z.string(),
    dueAt: z.string().optional(),
    recipients: z.array(z.string()),
  })
  .meta({ id: 'LeadEscalationItem' });

export const Inbox = z
  .object({
    person: z.string(),
    items: z.array(InboxItem).describe('soonest deadline first; items without a deadline last'),
    escalations: z
      .array(LeadEscalationItem)
      .describe("for the practice lead: the partner's escalations and breaches of deadlines still open or missed, on every deal whether or not the lead is on its team, newest first; empty for everyone else"),
  })
  .meta({ id: 'Inbox' });
