/**
 * The user action type names, in a module without zod so that workflow code can tell a user
 * action from a system event. `actions.ts` builds one schema per name; a test keeps them equal.
 */
export const USER_ACTION_TYPES = [
  'step.complete',
  'handoff.accept',
  'handoff.return',
  'handoff.tick',
  'handoff.attach',
  'successPlan.submit',
  'successPlan.revise',
  'outcomes.record',
  'usage.record',
  'expansion.book',
  'attestation.record',
  'owner.reassign',
  'deadline.extend',
  'deadline.pause',
  'deadline.resume',
  'booking.amend',
  'evidence.retract',
  'claim.withdraw',
  'deal.close',
  'team.add',
  'team.remove',
  'team.handover',
] as const;
export type UserActionType = (typeof USER_ACTION_TYPES)[number];
