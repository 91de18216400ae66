import { z } from 'zod';
import { PARTNER_ADMINS } from '../partner-admins';
import { FreeText, IsoDate, List, PersonId, Reference, RequiredText, Role, Slug } from './common';
import { LineItem } from './deal';
import { UsageEvidence } from './evidence';
import { HandoffAccept, HandoffAttach, HandoffReturn, HandoffTick } from './handoff';
import { BusinessOutcomesReport } from './outcomes';
import { SuccessPlan } from './success-plan';
import { strictObject } from './strict';
import { Person } from './team';

const reason = RequiredText('must give a reason');
/**
 * `partnerRoles`: the partner-wide roles (the practice lead, the executive sponsor) the acting
 * person holds at the deal's partner; the API sets it from the caller's token, never the body.
 * They act in those roles on every deal of their partner, on its team or not.
 */
const acting = { actor: PersonId, partnerRoles: z.array(z.enum(PARTNER_ADMINS)).max(PARTNER_ADMINS.length).optional() };

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

/** Corrections: each names why, and is recorded on the timeline with the acting person. */
export const BookingAmend = strictObject({
  type: z.literal('booking.amend'),
  ...acting,
  /** The booking's line items as they should have been, replacing them all. */
  lineItems: List(LineItem).min(1, 'a booking needs at least one line item').optional(),
  bookedOn: IsoDate.optional(),
  reason,
}).refine((a) => a.lineItems !== undefined || a.bookedOn !== undefined, { message: 'give lineItems or bookedOn (or both)', path: ['lineItems'] });
/** Evidence that can earn money, named by its identity: usage evidence by `id`, an outcomes report by `reportId`. */
export const RetractedFact = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('usage'), id: Slug }),
  strictObject({ kind: z.literal('business-outcomes'), id: Slug }),
], { error: () => 'must be { kind: usage | business-outcomes, id }' });
export const EvidenceRetract = strictObject({ type: z.literal('evidence.retract'), ...acting, fact: RetractedFact, reason });
export const ClaimWithdraw = strictObject({ type: z.literal('claim.withdraw'), ...acting, claimId: Slug, reason });
export const DealClose = strictObject({
  type: z.literal('deal.close'),
  ...acting,
  outcome: z.enum(['lost', 'cancelled'], { error: () => 'must be lost or cancelled' }),
  reason,
});
/** People: a role gains a person, loses one, or everything one person holds passes to another. */
export const TeamAdd = strictObject({ type: z.literal('team.add'), ...acting, role: Role, person: Person, reason });
export const TeamRemove = strictObject({ type: z.literal('team.remove'), ...acting, role: Role, personId: PersonId, reason });
export const TeamHandover = strictObject({ type: z.literal('team.handover'), ...acting, from: PersonId, to: Person, reason });
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
  BookingAmend,
  EvidenceRetract,
  ClaimWithdraw,
  DealClose,
  TeamAdd,
  TeamRemove,
  TeamHandover,
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
export type BookingAmend = z.infer<typeof BookingAmend>;
export type EvidenceRetract = z.infer<typeof EvidenceRetract>;
export type ClaimWithdraw = z.infer<typeof ClaimWithdraw>;
export type DealClose = z.infer<typeof DealClose>;
export type TeamAdd = z.infer<typeof TeamAdd>;
export type TeamRemove = z.infer<typeof TeamRemove>;
export type TeamHandover = z.infer<typeof TeamHandover>;
