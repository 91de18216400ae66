import type { ClaimQuote, ClaimsReport } from '../incentives/quote-schema';
import { formatUsd, fromCents, toCents } from '../incentives/rules/money';
import { alignColumns } from './table';

/** The `--json` shape: exactly the documented keys, optional ones only when set. */
export function claimsReport(quotes: ClaimQuote[], basis: Pick<ClaimsReport, 'asOf' | 'partner'>): ClaimsReport {
  return {
    ...basis,
    claims: quotes.map((q) => ({
      incentive: q.incentive,
      milestone: q.milestone,
      eligible: q.eligible,
      amountUsd: q.amountUsd,
      ...(q.reason !== undefined ? { reason: q.reason } : {}),
      ...(q.deadline !== undefined ? { deadline: q.deadline } : {}),
      breakdown: q.breakdown,
    })),
  };
}

/** Eligible claims with amounts and their breakdown lines, then the ineligible ones with reasons. */
export function renderQuotes(quotes: ClaimQuote[]): string {
  const eligible = quotes.filter((q) => q.eligible);
  const ineligible = quotes.filter((q) => !q.eligible);
  const out: string[] = [];
  out.push(`Eligible claims (${eligible.length})`);
  if (eligible.length === 0) out.push('  none');
  else {
    const rows = alignColumns(eligible.map((q) => [`  ${q.milestone}`, formatUsd(q.amountUsd).padStart(10), `deadline ${q.deadline ?? '-'}`, q.label]));
    eligible.forEach((q, i) => out.push(rows[i]!, ...q.breakdown.map((line) => `      ${line}`)));
  }
  const total = fromCents(eligible.reduce((sum, q) => sum + toCents(q.amountUsd), 0));
  out.push(`  Total ${formatUsd(total)}`, '');
  out.push(`Not eligible (${ineligible.length})`);
  if (ineligible.length === 0) out.push('  none');
  else out.push(...alignColumns(ineligible.map((q) => [`  ${q.milestone}`, `deadline ${q.deadline ?? '-'}`, q.reason ?? ''])));
  return out.join('\n');
}
