import type { TimelineEntry } from '../../workflows/deal-state';
import type { HistoryLinks } from './history-links';
import type { TimelineItem } from './schemas/timeline';

type Fields = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : str(v));
/** Which business calendar a deadline counted on, when it counted business days. */
const onCalendar = (e: Fields): string => (e.calendar === undefined ? '' : ` (business days on the ${str(e.calendarName ?? e.calendar)} calendar)`);

/** One line per entry type, for people; anything unlisted falls back to its type. */
const SENTENCES: Partial<Record<TimelineEntry['type'], (e: Fields) => string>> = {
  'deal.registered': (e) => `Deal registered: ${str(e.customer)}, booked ${str(e.bookedOn)}, $${str(e.valueUsd)}`,
  'stage.entered': (e) => `Entered stage ${str(e.name ?? e.stage)}`,
  'step.entered': (e) => `Entered step ${str(e.step)}`,
  'step.completed': (e) => `Completed step ${str(e.step)}`,
  'step.recorded': (e) => `Recorded step ${str(e.step)}`,
  'handoff.started': (e) => `Handoff ${str(e.name)} started, to be accepted by ${str(e.dueAt)}${onCalendar(e)}`,
  'handoff.accepted': (e) => `Handoff ${str(e.templateId)} accepted`,
  'handoff.returned': (e) => `Handoff ${str(e.templateId)} returned for missing information`,
  'successPlan.submitted': () => 'Success plan submitted',
  'successPlan.revised': (e) => `Success plan revised (version ${str(e.version)})`,
  'outcomes.recorded': (e) => `Business outcomes recorded (${str(e.kpis)} KPIs, confirmed by ${str(e.confirmation) || 'nobody yet'})`,
  'usage.recorded': (e) => `Usage evidence ${str(e.evidenceId)} recorded for ${str(e.useCase)}`,
  'expansion.booked': (e) => `Expansion booked on ${str(e.bookedOn)}, $${str(e.valueUsd)}`,
  'health.observed': (e) =>
    `Health observed: score ${str(e.healthScore) || '-'}${typeof e.trend === 'number' ? ` (${e.trend >= 0 ? '+' : ''}${e.trend})` : ''}, utilisation ${str(e.utilisation) || '-'}${e.renewalRisk ? `, renewal risk ${str(e.renewalRisk)}` : ''}`,
  'owner.reassigned': (e) => `${str(e.role)} reassigned from ${str(e.from)} to ${str(e.to)}`,
  'renewal.prompted': (e) => `Renewal prompted for ${str(e.renewalOn)}`,
  'deadline.reminder': (e) => `Reminder (${str(e.rung)}) on ${str(e.label)} to ${list(e.recipients)}${onCalendar(e)}`,
  'deadline.escalated': (e) => `Escalated (${str(e.rung)}) ${str(e.label)} to ${list(e.recipients)}${onCalendar(e)}`,
  'deadline.breached': (e) => `Deadline missed: ${str(e.label)}; escalated to ${list(e.recipients)}${onCalendar(e)}`,
  'deadline.met': (e) => `Deadline met: ${str(e.label)}`,
  'deadline.extended': (e) => `Deadline ${str(e.label)} extended to ${str(e.toDueAt)}`,
  'deadline.paused': (e) => `Deadline ${str(e.label)} paused`,
  'deadline.resumed': (e) => `Deadline ${str(e.label)} resumed, due ${str(e.toDueAt)}`,
  'claim.submitted': (e) => `Claim ${str(e.claimId)} submitted for ${str(e.milestone)}: $${str(e.amountUsd)}`,
  'claim.ineligible': (e) => `Not eligible: ${str(e.milestone)}`,
  'action.refused': (e) => `Refused: ${str(e.action)}`,
  'booking.amended': (e) =>
    `Booking amended${e.toBookedOn ? `: booked ${str(e.fromBookedOn)} → ${str(e.toBookedOn)}` : ''}${e.toValueUsd !== undefined ? `${e.toBookedOn ? ',' : ':'} $${str(e.fromValueUsd)} → $${str(e.toValueUsd)}` : ''}`,
  'evidence.retracted': (e) => `${e.kind === 'usage' ? 'Usage evidence' : 'Outcomes report'} ${str(e.factId)} retracted: it earns nothing`,
  'claim.withdrawn': (e) => `Claim ${str(e.claimId)} for ${str(e.milestone)} withdrawn: $${str(e.amountUsd)}`,
  'claim.withdrawalSent': (e) => `Withdrawal of claim ${str(e.claimId)} received by the ${str(e.sink)} sink`,
  'handoff.notStarted': (e) => `The handoff workflow ${str(e.workflowId)} could not be started: ${str(e.error)}`,
  'claim.withdrawalRefused': (e) => `The claims sink refused the withdrawal of claim ${str(e.claimId)}`,
  'deal.closed': (e) => `Deal closed as ${str(e.outcome)}: timers stopped, handoffs closed, nothing more is claimed`,
  'team.added': (e) => `${str(e.personId)} added as ${str(e.role)}`,
  'team.removed': (e) => `${str(e.personId)} removed as ${str(e.role)}`,
  'team.handedOver': (e) => `${str(e.from)} handed over ${list(e.roles)} to ${str(e.to)}`,
  'lifecycle.completed': () => 'Lifecycle completed',
};

/**
 * A timeline entry as the API shows it: who (actor and their name), what (type and a sentence),
 * when, why (the reason, when there is one), the remaining fields, and the raw history link.
 */
export function presentTimelineEntry(entry: TimelineEntry, names: Map<string, string>, links: HistoryLinks): TimelineItem {
  const { id, at, type, actor, reason, ...details } = entry;
  const actorName = actor ? names.get(actor.toLowerCase()) : undefined;
  const historyUrl = links.urlAt(at);
  return {
    id,
    at,
    type,
    ...(actor ? { actor } : {}),
    ...(actorName ? { actorName } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
    summary: SENTENCES[type]?.(entry) ?? type,
    details,
    ...(historyUrl ? { historyUrl } : {}),
  };
}

/** E-mail -> name of everyone on a deal's team. */
export function teamNames(team: Record<string, { id: string; name: string }[] | undefined>): Map<string, string> {
  const names = new Map<string, string>();
  for (const people of Object.values(team)) for (const p of people ?? []) names.set(p.id.toLowerCase(), p.name);
  return names;
}
