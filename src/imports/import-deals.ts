import type { Deal } from '../domain/schemas/deal';
import { bookingOfRows, type ImportedBooking, type RowProblem } from './booking-of-rows';
import type { ImportMapping } from './mapping';
import type { SourceRow } from './row-source';

/** What registering one booking did: created it, found it already there as booked, or found it booked differently. */
export type Registration = { outcome: 'created' } | { outcome: 'unchanged' } | { outcome: 'conflict'; fields: string[] } | { outcome: 'refused'; column: string; rule: string };

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  deals: number;
  valid: number;
  invalidRows: number;
  created: number;
  unchanged: number;
  conflicts: number;
  refused: number;
}

/** The import's report as it goes: each problem and conflict when found, progress, then the summary. */
export type ImportEvent =
  | ({ kind: 'problem' } & RowProblem)
  | { kind: 'conflict'; row: number; dealId: string; fields: string[] }
  | { kind: 'progress'; rows: number; deals: number }
  | ({ kind: 'summary' } & ImportSummary);

export interface ImportOptions {
  mapping: ImportMapping;
  partnerId: string;
  /** The import's day (YYYY-MM-DD): history cannot be dated after it. */
  today: string;
  dryRun: boolean;
  /** Registers one valid booking (idempotent by deal id); not called on a dry run. */
  register: (booking: ImportedBooking) => Promise<Registration>;
  /** Extra judgement of a valid booking before it is registered, e.g. that its program exists. */
  check?: (deal: Deal) => { column: keyof ImportMapping['deal'] | 'dealId'; rule: string }[];
  /** Registrations in flight at once; the file is read no faster than they finish. */
  concurrency?: number;
  /** A progress event every this many rows. */
  progressEvery?: number;
}

/** About a few milliseconds of validation between two turns of the event loop. */
const YIELD_EVERY_ROWS = 50;

interface Group {
  dealId: string;
  rows: SourceRow[];
}

/**
 * Reads the rows, groups each deal's consecutive rows, validates each booking and registers the
 * valid ones with bounded concurrency, yielding the report as it goes. Memory holds one deal's
 * rows, the registrations in flight and the set of deal ids seen, never the file.
 */
export async function* importDeals(rows: AsyncIterable<SourceRow>, options: ImportOptions): AsyncGenerator<ImportEvent> {
  const { mapping, concurrency = 8, progressEvery = 1000 } = options;
  const summary: ImportSummary = { dryRun: options.dryRun, rows: 0, deals: 0, valid: 0, invalidRows: 0, created: 0, unchanged: 0, conflicts: 0, refused: 0 };
  const ready: ImportEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  const badRows = new Set<number>();
  const firstRowOf = new Map<string, number>();
  const problem = (p: RowProblem) => {
    ready.push({ kind: 'problem', ...p });
    if (!badRows.has(p.row)) summary.invalidRows++;
    badRows.add(p.row);
  };

  const settle = async (booking: ImportedBooking): Promise<void> => {
    let registration: Registration;
    try {
      registration = await options.register(booking);
    } catch (err) {
      registration = { outcome: 'refused', column: mapping.dealId, rule: `not registered: ${(err as Error).message}` };
    }
    if (registration.outcome === 'created') summary.created++;
    else if (registration.outcome === 'unchanged') summary.unchanged++;
    else if (registration.outcome === 'conflict') {
      summary.conflicts++;
      ready.push({ kind: 'conflict', row: booking.row, dealId: booking.deal.id, fields: registration.fields });
    } else {
      summary.refused++;
      ready.push({ kind: 'problem', row: booking.row, column: registration.column, rule: registration.rule, dealId: booking.deal.id });
    }
  };

  const take = async (group: Group): Promise<void> => {
    summary.deals++;
    const outcome = bookingOfRows(mapping, options.partnerId, group.dealId, group.rows, options.today);
    if ('problems' in outcome) return outcome.problems.forEach(problem);
    const checked = options.check?.(outcome.booking.deal) ?? [];
    if (checked.length > 0) {
      for (const { column, rule } of checked) problem({ row: outcome.booking.row, column: column === 'dealId' ? mapping.dealId : (mapping.deal[column] ?? column), rule, dealId: group.dealId });
      return;
    }
    summary.valid++;
    if (options.dryRun) return;
    const pending: Promise<void> = settle(outcome.booking).finally(() => inFlight.delete(pending));
    inFlight.add(pending);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  let group: Group | undefined;
  for await (const row of rows) {
    summary.rows++;
    const dealId = row.cells[mapping.dealId] ?? '';
    if (dealId === '') {
      problem({ row: row.row, column: mapping.dealId, rule: 'must name the deal (an empty deal id)' });
    } else if (group?.dealId === dealId) {
      group.rows.push(row);
    } else if (firstRowOf.has(dealId)) {
      problem({ row: row.row, column: mapping.dealId, rule: `the rows of deal ${dealId} must be together: it started on row ${firstRowOf.get(dealId)}`, dealId });
    } else {
      if (group) await take(group);
      firstRowOf.set(dealId, row.row);
      group = { dealId, rows: [row] };
    }
    if (summary.rows % progressEvery === 0) ready.push({ kind: 'progress', rows: summary.rows, deals: summary.deals });
    // Let the process answer others between small batches: parsing and validating are synchronous work.
    if (summary.rows % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    yield* ready.splice(0);
  }
  if (group) await take(group);
  await Promise.all(inFlight);
  yield* ready.splice(0);
  yield { kind: 'summary', ...summary };
}
