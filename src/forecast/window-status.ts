import { instantAfterLastDay } from '../domain/calendar';
import { ladderOf, MS_PER_DAY, type Deadline } from '../domain/deadlines';
import type { EscalationLadder } from '../domain/playbook/schema';
import type { IneligibleReason } from '../incentives/quote-schema';
import type { WindowStatus } from './window-forecast';

/**
 * Reasons a quote gives while proof may still come: the window is what decides. Every other
 * reason (specialization, minimum, cap, superseded, no automatic amount) puts nothing at stake.
 */
const AWAITING_PROOF: ReadonlySet<IneligibleReason> = new Set([
  'not-yet-evidenced',
  'condition-not-met',
  'missing-customer-confirmation',
  'missing-attestation',
  'requires',
  'below-minimum',
  'window-closed',
]);

export const awaitsProof = (reasonCode: IneligibleReason | undefined): boolean => reasonCode !== undefined && AWAITING_PROOF.has(reasonCode);

export interface OpenWindow {
  /** The deal's deadline for the window, if the deal opened one. */
  deadline: Deadline | undefined;
  /** Start of the booking day, for a window the deal opened no deadline for. */
  startsAt: number;
  lastDay: string;
  /** Days an `extend` what-if moves the window by (0 for none). */
  extendedBy: number;
}

/**
 * An open window's status on `asOf` (end of day): escalated once an escalate rung of the
 * playbook's ladder has fired or is due, at risk once a reminder has (the ladder is the
 * playbook's expected pace: half the window gone, 14 days left, without the proof), else on
 * track; missed once its last day has passed. Under an extension the fired rungs re-arm, so only
 * the instants count.
 */
export function openWindowStatus(ladder: EscalationLadder, window: OpenWindow, asOf: string): { status: WindowStatus; why?: string } {
  if (asOf > window.lastDay) return { status: 'missed', why: `the window closed on ${window.lastDay}` };
  const endOfDay = instantAfterLastDay(asOf);
  const base: Deadline = window.deadline ?? {
    id: 'window',
    kind: 'incentive',
    label: 'window',
    subject: { step: 'window' },
    startsAt: window.startsAt,
    dueAt: instantAfterLastDay(window.lastDay),
    status: 'open',
    firedRungs: [],
    extensions: [],
  };
  const deadline = window.extendedBy === 0 ? base : { ...base, dueAt: base.dueAt + window.extendedBy * MS_PER_DAY, firedRungs: [] };
  const due = ladderOf(ladder, deadline).filter((step) => step.action !== 'breach' && (step.fired || step.at < endOfDay));
  const escalation = due.filter((s) => s.action === 'escalate').at(-1);
  if (escalation) return { status: 'escalated', why: `rung ${escalation.id} ${escalation.fired ? 'fired' : 'is due'}` };
  const reminder = due.at(-1);
  if (reminder) return { status: 'at-risk', why: `rung ${reminder.id} ${reminder.fired ? 'fired' : 'is due'}: behind the playbook's pace` };
  return { status: 'on-track' };
}
