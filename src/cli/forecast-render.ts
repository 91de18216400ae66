import type { ForecastReport } from '../api/schemas/forecast';
import { csvField } from '../claims/claim-csv';
import { formatUsd } from '../incentives/rules/money';
import { renderTable } from './table';

const WINDOW_COLUMNS: [string, (w: ForecastReport['windows'][number]) => string][] = [
  ['deal', (w) => w.dealId],
  ['customer', (w) => w.customerName],
  ['window', (w) => w.windowId],
  ['milestone', (w) => w.milestone],
  ['last day', (w) => w.lastDay],
  ['status', (w) => w.status],
  ['quoted', (w) => formatUsd(w.quotedUsd)],
  ['at stake', (w) => formatUsd(w.atStakeUsd)],
  ['missed', (w) => formatUsd(w.missedUsd)],
  ['paid in', (w) => w.paidIn],
  ['why', (w) => w.why],
];

/** The forecast as people read it: totals by the chosen grouping, then every window. */
export function renderForecast(report: ForecastReport): string {
  const header = [
    `Forecast on ${report.asOf} of windows closing by ${report.until}, by ${report.by}; ${report.deals.read} open deals read`,
    ...report.whatIfs.map((w) => `what if: ${w}`),
    ...(report.deals.unpriced.length > 0 ? [`not priced (no booking in the read model, or an unknown program version): ${report.deals.unpriced.join(', ')}`] : []),
  ];
  const totals = renderTable(
    [report.by, 'earned', 'at stake', 'at risk', 'missed', 'windows'],
    report.totals.map((t) => [
      t.key,
      formatUsd(t.earnedUsd),
      formatUsd(t.atStakeUsd),
      formatUsd(t.atRiskUsd),
      formatUsd(t.missedUsd),
      Object.entries(t.windows)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${n} ${status}`)
        .join(', '),
    ]),
  );
  const windows = renderTable(
    WINDOW_COLUMNS.map(([h]) => h),
    report.windows.map((w) => WINDOW_COLUMNS.map(([, cell]) => cell(w))),
  );
  return [...header, '', totals, '', windows].join('\n');
}

/** One RFC 4180 row per window, amounts as plain numbers, for a spreadsheet. */
export function forecastCsv(report: ForecastReport): string {
  const columns = ['dealId', 'partnerId', 'customerName', 'owner', 'architecture', 'stage', 'windowId', 'milestone', 'lastDay', 'status', 'quotedUsd', 'atStakeUsd', 'missedUsd', 'paidIn', 'why'] as const;
  const rows = report.windows.map((w) => columns.map((c) => csvField(String(w[c]))).join(','));
  return [columns.join(','), ...rows].join('\r\n') + '\r\n';
}
