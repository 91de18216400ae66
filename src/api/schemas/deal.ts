import { z } from 'zod';
import { ClaimItem, IneligibleClaimItem } from './claims';
import { PersonView } from './principal';
import { TimelineItem } from './timeline';

const Named = z.object({ id: z.string(), name: z.string() });
const Version = z.object({ id: z.string(), version: z.number().int() });

export const HandoffItem = z
  .object({
    templateId: z.string(),
    instance: z.number().int(),
    name: z.string(),
    status: z.enum(['open', 'returned']),
    startedAt: z.string(),
    workflowId: z.string(),
    dueAt: z.string().optional().describe('SLA: when the receiving side must have accepted'),
    timeLeftMs: z.number().optional().describe('negative once past'),
  })
  .meta({ id: 'OpenHandoff' });
export type HandoffItem = z.infer<typeof HandoffItem>;

export const DeadlineItem = z
  .object({
    id: z.string(),
    kind: z.string().describe('incentive, handoff-sla or renewal'),
    label: z.string(),
    status: z.string().describe('open, met, breached or cancelled'),
    dueOn: z.string().describe('YYYY-MM-DD'),
    dueAt: z.string(),
    timeLeftMs: z.number().describe('milliseconds left; negative once past; frozen while paused'),
    paused: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
    extensions: z.array(z.object({ by: z.string(), reason: z.string(), at: z.string(), fromDueAt: z.string(), toDueAt: z.string() })),
    ladder: z
      .array(
        z.object({
          id: z.string().describe('the rung id from the playbook, or breach'),
          action: z.enum(['remind', 'escalate', 'breach']),
          to: z.array(z.string()).describe('R, A or LEAD'),
          at: z.string().describe('when it fires (or fired) for the current due date'),
          fired: z.boolean(),
          beforeEntry: z.literal(true).optional().describe('due before the deal entered Baton (booked in the past): a rung then was spent without being sent; a breach then is on the timeline marked so'),
        }),
      )
      .describe("the playbook's escalation ladder for this deadline, in firing order, ending with the breach"),
  })
  .meta({ id: 'Deadline' });
export type DeadlineItem = z.infer<typeof DeadlineItem>;

/** A deal as `GET /deals/{dealId}` returns it: where it is, who owns what, and what is due. */
export const DealDetail = z
  .object({
    dealId: z.string(),
    partnerId: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    historyUrl: z.string().optional().describe('Temporal Web UI page of the deal\'s raw event history'),
    stage: Named.nullable(),
    step: Named.nullable(),
    completed: z.boolean(),
    playbook: Version.nullable().describe('the playbook version the deal runs under; null for deals registered before Baton recorded it (they run the default playbook)'),
    program: Version.describe('the incentive program version the deal runs under'),
    team: z.record(z.string(), z.array(PersonView)),
    openHandoffs: z.array(HandoffItem),
    deadlines: z.array(DeadlineItem),
    escalations: z.array(TimelineItem),
    claims: z.array(ClaimItem),
    ineligibleClaims: z.array(IneligibleClaimItem),
    closure: z
      .object({ outcome: z.enum(['lost', 'cancelled']), reason: z.string(), by: z.string(), at: z.string() })
      .optional()
      .describe('set when the deal was closed as lost or cancelled: its timers stopped and nothing more is claimed'),
    now: z.string().describe('business time of the answer'),
  })
  .meta({ id: 'Deal' });
export type DealDetail = z.infer<typeof DealDetail>;

export const RegisteredDeal = z
  .object({
    created: z.boolean().describe('false when the same deal was registered before: the existing deal is returned'),
    deal: DealDetail,
  })
  .meta({ id: 'RegisteredDeal' });
export type RegisteredDeal = z.infer<typeof RegisteredDeal>;

/** A deal as listed from the read model, without querying its workflow. */
export const DealSummary = z
  .object({
    dealId: z.string(),
    partnerId: z.string(),
    workflowId: z.string(),
    customerName: z.string(),
    status: z.enum(['running', 'closed']).describe('running, or closed once its workflow finished'),
    stage: z.string().optional(),
    step: z.string().optional(),
    architecture: z.string().optional(),
    openTaskOwners: z.array(z.string()),
    nextDeadline: z.string().optional(),
    dealValueUsd: z.number().optional(),
  })
  .meta({ id: 'DealSummary' });
export type DealSummary = z.infer<typeof DealSummary>;

export const DealPage = z
  .object({
    deals: z.array(DealSummary),
    nextPageToken: z.string().optional().describe('pass as nextPageToken for the next page; absent on the last page'),
  })
  .meta({ id: 'DealPage' });
export type DealPage = z.infer<typeof DealPage>;
