import { z } from 'zod';

/** One line of a deal's business history: who did what, when and why, with its raw history. */
export const TimelineItem = z
  .object({
    id: z.string().describe('stable id, t1, t2, ...'),
    at: z.string().describe('ISO instant (business time)'),
    type: z.string().describe('what happened, e.g. deal.registered, handoff.accepted, deadline.escalated'),
    actor: z.string().optional().describe('who acted (e-mail); absent for what the workflow did on its own (timers, triggers)'),
    actorName: z.string().optional().describe("the actor's name from the deal's team"),
    reason: z.string().optional().describe('why, when the action or rule gave a reason'),
    summary: z.string().describe('one line for people'),
    details: z.record(z.string(), z.unknown()).describe('every other field the workflow recorded'),
    historyUrl: z.string().optional().describe('the Temporal Web UI page of the raw event history of the run that recorded it'),
  })
  .meta({ id: 'TimelineItem' });
export type TimelineItem = z.infer<typeof TimelineItem>;

export const Timeline = z
  .object({
    dealId: z.string(),
    workflowId: z.string(),
    historyUrl: z.string().optional().describe('the Temporal Web UI page of the current run'),
    items: z.array(TimelineItem),
  })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof Timeline>;
