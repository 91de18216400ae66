import { describeHandoffSla, handoffDue } from '../../src/domain/playbook/handoff-sla';
import { stakeholders } from '../../src/domain/raci';
import type { OpenHandoff, TimelineEntry } from '../deal-state';
import { handoffWorkflowId } from '../handoff-messages';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { calendarNote, notify, recipientsOf, record } from './timeline';

/**
 * Opens a handoff of the playbook: its SLA deadline on the deal, its own workflow (started by the
 * loop), and a notice to its Responsible and Accountable people.
 */
export function startHandoff(ctx: DealContext, templateId: string, instance: number): TimelineEntry | undefined {
  const template = ctx.playbook.handoffs.find((h) => h.id === templateId);
  if (!template) return undefined;
  const deadlineId = `handoff-${templateId}-${instance}`;
  const startedAt = ctx.clock.now();
  const handoff: OpenHandoff = {
    templateId,
    instance,
    name: template.name,
    workflowId: handoffWorkflowId(ctx.workflowId, templateId, instance),
    status: 'open',
    startedAt: isoInstant(startedAt),
    deadlineId,
  };
  ctx.memory.handoffs.push(handoff);
  // A run recorded before business calendars has none (its playbook could not name business days).
  const { dueAt, calendar } = handoffDue(template, startedAt, ctx.rules.businessCalendars ? ctx.calendars : []);
  ctx.memory.deadlines.push({
    id: deadlineId,
    kind: 'handoff-sla',
    label: `${template.name} accepted`,
    subject: { handoff: templateId },
    startsAt: startedAt,
    dueAt,
    status: 'open',
    firedRungs: [],
    extensions: [],
    handoff: { templateId, instance },
    ...(calendar ? { calendar } : {}),
  });
  ctx.work.push({ kind: 'start-handoff', handoff, dueAt });
  const people = stakeholders(ctx.playbook, ctx.memory.team, { handoff: templateId });
  const accountableOnly = people.accountable.filter((a) => !people.responsible.some((r) => r.id === a.id));
  notify(ctx, {
    idempotencyKey: `${handoff.workflowId}:assigned`,
    kind: 'handoff.assigned',
    title: `Handoff: ${template.name}`,
    body: `${ctx.deal.customer.name} (${ctx.deal.id}): ${template.objective} Accept within ${describeHandoffSla(template)}.`,
    recipients: recipientsOf(ctx, [...people.responsible, ...accountableOnly]),
  });
  return record(ctx, 'handoff.started', { templateId, instance, name: template.name, workflowId: handoff.workflowId, dueAt: isoInstant(dueAt), ...calendarNote(calendar) });
}
