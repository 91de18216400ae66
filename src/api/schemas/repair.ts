import { z } from 'zod';

/** A deal or handoff workflow whose task keeps failing, as `GET /stuck-deals` lists it. */
export const StuckWorkflowView = z
  .object({
    dealId: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    workflowType: z.string().describe('dealWorkflow or handoffWorkflow'),
    attempt: z.number().int().describe('how often its pending workflow task has been tried'),
    failure: z.string().describe("the last task failure's message, e.g. a TMPRL1100 nondeterminism error"),
  })
  .meta({ id: 'StuckWorkflow' });

export const StuckDeals = z.object({ workflows: z.array(StuckWorkflowView) }).meta({ id: 'StuckDeals' });
export type StuckDeals = z.infer<typeof StuckDeals>;

export const DealRepairView = z
  .object({
    dealId: z.string(),
    repaired: z.array(
      z.object({
        workflowId: z.string(),
        fromRunId: z.string().describe('the run that was stuck'),
        runId: z.string().describe('the run the reset started'),
        resetToEventId: z.number().int().describe('the workflow task completion the new run continues after'),
      }),
    ),
  })
  .meta({ id: 'DealRepair' });
export type DealRepairView = z.infer<typeof DealRepairView>;
