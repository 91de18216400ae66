import { z } from 'zod';

export const HandoffView = z
  .object({
    dealId: z.string(),
    templateId: z.string(),
    instance: z.number().int(),
    name: z.string(),
    status: z.enum(['open', 'returned', 'accepted', 'closed']).describe('closed: its deal was closed as lost or cancelled while it was open'),
    checklist: z.array(z.object({ id: z.string(), task: z.string(), owner: z.string(), tickedBy: z.string().optional(), tickedAt: z.string().optional() })),
    artifacts: z.array(
      z.object({ id: z.string(), name: z.string(), required: z.boolean(), reference: z.string().optional(), attachedBy: z.string().optional(), attachedAt: z.string().optional() }),
    ),
    returns: z.array(z.object({ by: z.string(), reason: z.string(), at: z.string() })),
    acceptedBy: z.string().optional(),
    acceptedAt: z.string().optional(),
    startedAt: z.string(),
    dueAt: z.string().describe('SLA: accept by then'),
    closedBy: z.string().optional(),
    closedReason: z.string().optional(),
    withinSla: z.boolean().optional(),
    elapsedMs: z.number().optional(),
  })
  .meta({ id: 'Handoff' });
