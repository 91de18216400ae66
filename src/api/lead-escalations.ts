import { PARTNER_ADMINS } from '../domain/partner-admins';
import type { DealView } from '../../workflows/deal-messages';

/** An escalation as the practice lead's inbox lists it: the deal, the deadline, and its latest rung. */
export interface LeadEscalation {
  dealId: string;
  workflowId: string;
  deadlineId: string;
  label: string;
  /** `deadline.escalated` for a rung, `deadline.breached` once missed. */
  type: 'deadline.escalated' | 'deadline.breached';
  rung: string;
  at: string;
  dueAt?: string;
  recipients: string[];
}

/** A deal as the read model holds it: enough to find its escalations. */
export interface EscalatedDeal {
  dealId: string;
  workflowId: string;
  view: Pick<DealView, 'escalations' | 'deadlines'>;
}

const LEAD = PARTNER_ADMINS[0];

/**
 * The partner's escalations a practice lead sees in their inbox, whether or not they are on the
 * deal's team (the lead manages escalations partner-wide): the latest escalation or breach of
 * every deadline that is still open or was missed, newest first. Reminders stay with the people
 * reminded; a deadline met or stopped drops out. Empty for anyone who is not a lead.
 */
export function escalationsALeadSees(roles: readonly string[], deals: readonly EscalatedDeal[]): LeadEscalation[] {
  if (!roles.includes(LEAD)) return [];
  const items: LeadEscalation[] = [];
  for (const { dealId, workflowId, view } of deals) {
    const live = new Map(view.deadlines.filter((d) => d.status === 'open' || d.status === 'breached').map((d) => [d.id, d]));
    const latest = new Map<string, LeadEscalation>();
    for (const entry of view.escalations) {
      if (entry.type !== 'deadline.escalated' && entry.type !== 'deadline.breached') continue;
      const deadline = live.get(String(entry.deadlineId));
      if (!deadline) continue;
      latest.set(deadline.id, {
        dealId,
        workflowId,
        deadlineId: deadline.id,
        label: deadline.label,
        type: entry.type,
        rung: entry.type === 'deadline.breached' ? 'breach' : String(entry.rung),
        at: entry.at,
        ...(typeof entry.dueAt === 'string' ? { dueAt: entry.dueAt } : {}),
        recipients: Array.isArray(entry.recipients) ? entry.recipients.map(String) : [],
      });
    }
    items.push(...latest.values());
  }
  return items.sort((a, b) => b.at.localeCompare(a.at) || a.dealId.localeCompare(b.dealId));
}
