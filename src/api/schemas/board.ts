import { z } from 'zod';
import { TimelineItem } from './timeline';

const BoardDeadline = z.object({
  dealId: z.string(),
  deadlineId: z.string(),
  label: z.string(),
  kind: z.string(),
  status: z.string(),
  dueAt: z.string(),
  timeLeftMs: z.number(),
  paused: z.boolean(),
  dealValueUsd: z.number().optional().describe("the deal's booked value (visibility)"),
});

/** The practice lead's board: what falls due across the partner, what escalated, what was missed. */
export const Board = z
  .object({
    now: z.string(),
    dealsRead: z.number().int().describe('running deals read; at most the limit'),
    truncated: z.boolean().describe('more running deals exist than were read'),
    dueIn7Days: z.array(BoardDeadline).describe('open deadlines due within 7 days (and overdue ones), soonest first'),
    dueIn30Days: z.array(BoardDeadline).describe('open deadlines due in 8 to 30 days, soonest first'),
    breaches: z.array(BoardDeadline).describe('breached deadlines'),
    escalations: z.array(TimelineItem.extend({ dealId: z.string() })).describe('reminders, escalations and breaches of the last 30 days, newest first'),
  })
  .meta({ id: 'Board' });
export type Board = z.infer<typeof Board>;
