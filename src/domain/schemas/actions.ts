import { z } from 'zod';
import { FreeText, IsoDate, List, PersonId, Reference, RequiredText, Role, Slug } from './common';
import { LineItem } from './deal';
import { UsageEvidence } from './evidence';
import { HandoffAccept, HandoffAttach, HandoffReturn, HandoffTick } from './handoff';
import { BusinessOutcomesReport } from './outcomes';
import { SuccessPlan } from './success-plan';
import { strictObject } from './strict';
import { Person } from './team';

const reason = RequiredText('must give a reason');
const acting = { actor: PersonId };

export const StepComplete = strictObject({ type: z.literal('step.complete'), ...acting, step: Slug });
export const HandoffAcceptAction = HandoffAccept.extend({ type: z.literal('handoff.accept'), ...acting });
export const HandoffReturnAction = HandoffReturn.extend({ type: z.literal('handoff.return'), ...acting });
export const HandoffTickAction = HandoffTick.extend({ type: z.literal('handoff.tick'), ...acting });
export const HandoffAttachAction = HandoffAttach.extend({ type: z.literal('handoff.attach'), ...acting });
export const SuccessPlanSubmit = strictObject({ type: z.literal('successPlan.submit'), ...acting, plan: SuccessPlan });
export const SuccessPlanRevise = strictObject({ type: z.literal('successPlan.revise'), ...acting, plan: SuccessPlan });
/**
 * Every action that brings a fact which can earn money names the fact's identity: `reportId` for an
 * outcomes report, `evidence.id` for usage evidence, `orderRef` for an expansion, the attestation's
 * kind for an attestation; a success plan is identified by its version (the submission is 1, each
 * revision the next). The same fact again is a no-op that says so; a different fact under an
 * identity already recorded is refused, naming both.
 */
export const OutcomesRecord = strictObject({ type: z.literal('outcomes.record'), ...acting, reportId: Slug, report: BusinessOutcomesReport });
export const UsageRecord = strictObject({ type: z.literal('usage.record'), ...acting, evidence: UsageEvidence });
export const ExpansionBook = strictObject({
  type: z.literal('expansion.book'),
  ...acting,
  /** The expansion order's reference in the partner's or vendor's system. */
  orderRef: Slug,
  bookedOn: IsoDate,
  lineItems: List(LineItem).min(1, 'an expansion booking needs at least one line item'),
});
/** A declaration a program may require (e.g. `value-added-selling`), with the evidence behind it. */
export const AttestationRecord = strictObject({
  type: z.literal('attestation.record'),
  ...acting,
  attestation: Slug,
  evidence: strictObject({ reference: Reference(), description: FreeText.optional() }),
});
export const OwnerReassign = strictObject({ type: z.literal('owner.reassign'), ...acting, role: Role, from: PersonId, to: Person });
export const DeadlineExtend = strictObject({
  type: z.literal('deadline.extend'),
  ...acting,
  deadlineId: Slug,
  days: z.number().int().positive('must be a positive whole number of days').max(3660, 'must be at most 3660 days').optional(),
  until: IsoDate.optional(),
  reason,
}).refine((a) => (a.days === undefined) !== (a.until === undefined), {
    message: 'give either days or until, not both and not neither',
    path: ['days'],
  });
export const DeadlinePause = strictObject({ type: z.literal('deadline.pause'), ...acting, deadlineId: Slug, reason });
export const DeadlineResume = strictObject({ type: z.literal('deadline.resume'), ...acting, deadlineId: Slug, reason });

/** Everything a person can do to a deal; the acting person is always `actor`. */
export const UserAction = z.discriminatedUnion('type', [
  StepComplete,
  HandoffAcceptAction,
  HandoffReturnAction,
  HandoffTickAction,
  HandoffAttachAction,
  SuccessPlanSubmit,
  SuccessPlanRevise,
  OutcomesRecord,
  UsageRecord,
  ExpansionBook,
  AttestationRecord,
  OwnerReassign,
  DeadlineExtend,
  DeadlinePause,
  DeadlineResume,
]);
export type UserAction = z.infer<typeof UserAction>;
export type UserActionInput = z.input<typeof UserAction>;
export { USER_ACTION_TYPES, type UserActionType } from './action-types';

export type StepComplete = z.infer<typeof StepComplete>;
export type HandoffAcceptAction = z.infer<typeof HandoffAcceptAction>;
export type HandoffReturnAction = z.infer<typeof HandoffReturnAction>;
export type HandoffTickAction = z.infer<typeof HandoffTickAction>;
export type HandoffAttachAction = z.infer<typeof HandoffAttachAction>;
export type SuccessPlanSubmit = z.infer<typeof SuccessPlanSubmit>;
export type SuccessPlanRevise = z.infer<typeof SuccessPlanRevise>;
export type OutcomesRecord = z.infer<typeof OutcomesRecord>;
export type UsageRecord = z.infer<typeof UsageRecord>;
export type ExpansionBook = z.infer<typeof ExpansionBook>;
export type AttestationRecord = z.infer<typeof AttestationRecord>;
export type OwnerReassign = z.infer<typeof OwnerReassign>;
export type DeadlineExtend = z.infer<typeof DeadlineExtend>;
export type DeadlinePause = z.infer<typeof DeadlinePause>;
export type DeadlineResume = z.infer<typeof DeadlineResume>;
