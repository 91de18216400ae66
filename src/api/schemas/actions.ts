import { z } from 'zod';
import { TimelineItem } from './timeline';

export const ActionResponse = z
  .object({
    dealId: z.string(),
    action: z.string(),
    actor: z.string(),
    handoffStatus: z.string().optional().describe('for handoff actions: open, returned or accepted'),
    entries: z.array(TimelineItem).describe('what the action added to the timeline (handoff outcomes reach the timeline a moment later)'),
    unchanged: z
      .string()
      .optional()
      .describe('set when the action brought a fact already recorded under its identity (the same report, order, evidence or attestation): nothing changed, and this says so'),
  })
  .meta({ id: 'ActionResult' });
export type ActionResponse = z.infer<typeof ActionResponse>;
