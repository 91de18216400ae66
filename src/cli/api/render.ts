import type { ClaimItem } from '../../api/schemas/claims';
import type { DealDetail, DealSummary } from '../../api/schemas/deal';
import type { InboxItem } from '../../api/schemas/inbox';
import type { Timeline } from '../../api/schemas/timeline';
import { formatTimeLeft, renderTable } from '../table';

/** The human renderings of the API's answers; `--json` prints the answers themselves. */

const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '-');
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export function renderDeal(deal: DealDetail): string {
  const position = deal.completed ? 'lifecycle completed' : `${deal.stage?.name ?? '-'} / ${deal.step?.name ?? '-'}`;
  const team = Object.entries(deal.team).map(([role, people]) => `  ${role.padEnd(5)} ${people.map((p) => `${p.name} <${p.id}>`).join(', ')}`);
  const playbook = deal.playbook ? `playbook ${deal.playbook.id} v${deal.playbook.version}` : 'playbook unknown (registered before Baton recorded it; runs the default)';
  const runsUnder = `Runs under ${playbook}, program ${deal.program.id} v${deal.program.version}`;
  const out = [`Deal ${deal.dealId} (${deal.partnerId}): ${position}`, runsUnder, ...(deal.historyUrl ? [`History: ${deal.historyUrl}`] : []), '', 'Team', ...team, ''];
  out.push(`Open handoffs (${deal.openHandoffs.length})`);
  if (deal.openHandoffs.length > 0) {
    out.push(renderTable(['handoff', 'name', 'status', 'due', 'time left'], deal.openHandoffs.map((h) => [h.templateId, h.name, h.status, day(h.dueAt), h.timeLeftMs === undefined ? '-' : formatTimeLeft(h.timeLeftMs)])));
  }
  const open = deal.deadlines.filter((d) => d.status === 'open');
  out.push('', `Open deadlines (${open.length} of ${deal.deadlines.length})`);
  if (open.length > 0) out.push(renderTable(['deadline', 'label', 'due', 'time left'], open.map((d) => [d.id, d.label, d.dueOn, d.paused ? 'paused' : formatTimeLeft(d.timeLeftMs)])));
  out.push('', `Escalations (${deal.escalations.length})`, ...deal.escalations.slice(-5).map((e) => `  ${minute(e.at)}  ${e.summary}`));
  out.push('', `Claims (${deal.claims.length})`);
  if (deal.claims.length > 0) out.push(renderClaims(deal.claims));
  return out.join('\n');
}

export function renderDealList(deals: DealSummary[], nextPageToken?: string): string {
  if (deals.length === 0) return 'No deals match.';
  const table = renderTable(
    ['deal', 'stage', 'step', 'architecture', 'next deadline', 'value USD', 'status'],
    deals.map((d) => [d.dealId, d.stage ?? '-', d.step ?? '-', d.architecture ?? '-', day(d.nextDeadline), d.dealValueUsd === undefined ? '-' : String(d.dealValueUsd), d.status]),
  );
  return nextPageToken ? `${table}\n\nMore: --page-token ${nextPageToken}` : table;
}

export function renderTimeline(timeline: Timeline): string {
  const rows = timeline.items.map((i) => [minute(i.at), i.actorName ?? i.actor ?? 'Baton', i.summary + (i.reason ? ` (why: ${i.reason})` : '')]);
  const lines = [`Timeline of ${timeline.dealId}`, '', renderTable(['when (UTC)', 'who', 'what'], rows)];
  if (timeline.historyUrl) lines.push('', `Raw event history: ${timeline.historyUrl}`);
  return lines.join('\n');
}

export function renderInbox(person: string, items: InboxItem[]): string {
  if (items.length === 0) return `Nothing open for ${person}.`;
  return renderTable(
    ['due', 'time left', 'deal', 'kind', 'task', 'you are', 'status'],
    items.map((i) => [day(i.dueAt), i.timeLeftMs === undefined ? '-' : formatTimeLeft(i.timeLeftMs), i.dealId, i.kind, `${i.name} (${i.id})`, i.letters.join('/'), i.status ?? '-']),
  );
}

export function renderClaims(claims: ClaimItem[]): string {
  if (claims.length === 0) return 'No claims.';
  return renderTable(
    ['claim', 'deal', 'milestone', 'amount USD', 'status', 'earned', 'payout'],
    claims.map((c) => [c.claimId, c.dealId, c.milestone, c.amountUsd.toFixed(2), c.status, c.earnedOn, c.expectedPayoutQuarter]),
  );
}
