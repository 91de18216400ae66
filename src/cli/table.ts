/** Rows as lines, columns padded to their widest cell and two spaces apart, no trailing spaces: the one table layout of the CLI. */
export function alignColumns(rows: string[][]): string[] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

/** A plain-text table: a header, a rule, then rows. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return alignColumns([header, widths.map((w) => '-'.repeat(w)), ...rows]).join('\n');
}

/** "3d 4h", "5h 10m", "overdue 2d 1h": a duration people read at a glance. */
export function formatTimeLeft(ms: number): string {
  const overdue = ms < 0;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const text = days > 0 ? `${days}d ${hours}h` : hours > 0 ? `${hours}h ${minutes % 60}m` : `${minutes}m`;
  return overdue ? `overdue ${text}` : text;
}
