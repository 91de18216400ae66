import type { DealRerun, MilestoneOutcome, ProgramVersion, Totals } from '../incentives/rerun';
import { formatUsd } from '../incentives/rules/money';
import { renderTable } from './table';

/** `baton rerun --json`: every deal's comparison and the totals over them. */
export interface RerunReport {
  whatIf: ProgramVersion;
  deals: DealRerun[];
  totals: Totals;
}

function versionLabel(program: ProgramVersion): string {
  return `${program.id} v${program.version}`;
}

function outcomeCell(outcome: MilestoneOutcome | undefined): string {
  if (!outcome) return 'not in program';
  return outcome.eligible ? formatUsd(outcome.amountUsd) : `not eligible (${outcome.reasonCode ?? 'no reason given'})`;
}

function signedUsd(usd: number): string {
  return usd > 0 ? `+${formatUsd(usd)}` : formatUsd(usd);
}

function renderDeal(rerun: DealRerun): string {
  const rows = rerun.lines.map((line) => [line.milestone, outcomeCell(line.own), outcomeCell(line.whatIf), signedUsd(line.differenceUsd)]);
  rows.push(['Total', formatUsd(rerun.totals.ownUsd), formatUsd(rerun.totals.whatIfUsd), signedUsd(rerun.totals.differenceUsd)]);
  return [
    `Deal ${rerun.dealId} (partner ${rerun.partnerId})${rerun.asOf ? `, as of ${rerun.asOf}` : ''}`,
    renderTable(['milestone', `own: ${versionLabel(rerun.own)}`, `what-if: ${versionLabel(rerun.whatIf)}`, 'difference'], rows),
  ].join('\n');
}

/** Each deal's milestones side by side under its own program and the what-if one, then the totals. */
export function renderRerun(report: RerunReport): string {
  if (report.deals.length === 0) return 'No recorded deals match.';
  const { ownUsd, whatIfUsd, differenceUsd } = report.totals;
  return [
    ...report.deals.map(renderDeal),
    `All ${report.deals.length} deal(s): own programs ${formatUsd(ownUsd)}, under ${versionLabel(report.whatIf)} ${formatUsd(whatIfUsd)}, difference ${signedUsd(differenceUsd)}`,
  ].join('\n\n');
}
