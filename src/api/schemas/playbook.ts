import { z } from 'zod';

const Raci = z.record(z.string(), z.string()).describe('role id -> R, A, C, I or a combination such as R/A');

/** A playbook as the console shows it: the lifecycle, the RACI matrix, the handoffs and the ladder. */
export const PlaybookView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    roles: z.array(z.object({ id: z.string(), name: z.string() })),
    entryStep: z.string(),
    stages: z.array(z.object({ id: z.string(), name: z.string(), steps: z.array(z.object({ id: z.string(), name: z.string(), raci: Raci })) })),
    handoffs: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        objective: z.string(),
        raci: Raci,
        checklist: z.array(z.object({ id: z.string(), task: z.string(), owner: z.string() })),
        artifacts: z.array(z.object({ id: z.string(), name: z.string(), required: z.boolean() })),
      }),
    ),
    escalation: z.object({
      rungs: z.array(
        z.object({ id: z.string(), action: z.string(), to: z.string(), daysBefore: z.number().optional(), atFractionOfWindow: z.number().optional() }),
      ),
      breachTo: z.array(z.string()),
      managers: z.array(z.string()),
    }),
    diagram: z.string().describe('the lifecycle statechart as Mermaid'),
  })
  .meta({ id: 'Playbook' });
export type PlaybookView = z.infer<typeof PlaybookView>;

/** What the caller may do on a deal now, by the deal's playbook's RACI; the API checks again on every action. */
export const DealPermissions = z
  .object({
    dealId: z.string(),
    actions: z.array(z.string()).describe('deal action types (step.complete, deadline.extend, ...) the caller is R or A for'),
    handoffs: z.array(
      z.object({
        templateId: z.string(),
        accept: z.boolean(),
        return: z.boolean(),
        attach: z.boolean(),
        tick: z.array(z.string()).describe('the checklist items the caller may tick'),
      }),
    ),
  })
  .meta({ id: 'DealPermissions' });
export type DealPermissions = z.infer<typeof DealPermissions>;
