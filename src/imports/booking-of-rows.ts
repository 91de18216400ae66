import type { z } from 'zod';
import { Deal } from '../domain/schemas/deal';
import { DealHistory, historyDayProblems, type HistoricalFact } from '../domain/schemas/history';
import { booleanCell, dayCell, numberCell } from './cell-values';
import type { ImportMapping, LineItemField } from './mapping';
import type { SourceRow } from './row-source';

/** A rule a row breaks: which row, which column, and the rule in the booking schema's words. */
export interface RowProblem {
  row: number;
  column: string;
  rule: string;
  dealId?: string;
}

/** One deal read from its rows: the booking and its imported history, validated as `POST /deals` validates them. */
export interface ImportedBooking {
  row: number;
  deal: Deal;
  history: HistoricalFact[];
}

type Outcome = { booking: ImportedBooking } | { problems: RowProblem[] };

const NUMBER_FIELDS = new Set(['quantity', 'netValueUsd', 'renewal.termMonths']);

/** A cell read as its field's type; undefined for an empty cell (the field is then absent). */
function valueOf(mapping: ImportMapping, field: string, text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  if (NUMBER_FIELDS.has(field)) return numberCell(text);
  if (field === 'software' || field === 'enterpriseAgreement') return booleanCell(text);
  if (field === 'bookedOn' || field === 'renewal.date') return dayCell(text, mapping.dateFormat);
  if (field === 'architecture' || field === 'useCase') return mapping.values[field]?.[text] ?? text;
  return text;
}

const defined = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries.filter(([, v]) => v !== undefined));

/**
 * The booking the rows of one deal describe, or every rule they break. Validated with the same
 * zod schema as `POST /deals`, so a row's problems read as the API's; each issue is traced back
 * to the row and column it came from.
 */
export function bookingOfRows(mapping: ImportMapping, partnerId: string, dealId: string, rows: SourceRow[], today: string): Outcome {
  const first = rows[0]!;
  const cell = (field: keyof ImportMapping['deal']) => {
    const column = mapping.deal[field];
    return column === undefined ? undefined : valueOf(mapping, field, first.cells[column]);
  };
  const team = defined(
    Object.entries(mapping.team).map(([role, columns]) => {
      const id = first.cells[columns.id];
      const name = first.cells[columns.name];
      return [role, id || name ? [defined([['id', id || undefined], ['name', name || undefined]])] : undefined];
    }),
  );
  const input = defined([
    ['id', dealId],
    ['partnerId', partnerId],
    ['customer', defined([['name', cell('customer.name')]])],
    ['architecture', cell('architecture')],
    ['enterpriseAgreement', cell('enterpriseAgreement')],
    ['bookedOn', cell('bookedOn')],
    ['lineItems', rows.map((r) => defined(Object.entries(mapping.lineItem).map(([field, column]) => [field, valueOf(mapping, field, r.cells[column])])))],
    ['renewal', cell('renewal.date') !== undefined ? { date: cell('renewal.date') } : { termMonths: cell('renewal.termMonths') }],
    ['team', team],
    ['programId', cell('programId')],
    ['playbookId', cell('playbookId')],
  ]);
  const parsed = Deal.safeParse(input);
  const problems: RowProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => problemOf(mapping, rows, issue));
  const history = historyOf(mapping, first, parsed.success ? parsed.data.bookedOn : undefined, today, problems);
  if (!parsed.success || problems.length > 0) return { problems: problems.map((p) => ({ ...p, dealId })) };
  return { booking: { row: first.row, deal: parsed.data, history } };
}

/** The `history` cell: JSON facts with their days, validated as the import route validates them. */
function historyOf(mapping: ImportMapping, first: SourceRow, bookedOn: string | undefined, today: string, problems: RowProblem[]): HistoricalFact[] {
  const column = mapping.deal.history;
  const text = column === undefined ? undefined : first.cells[column];
  if (column === undefined || !text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    problems.push({ row: first.row, column, rule: `not valid JSON: ${(err as Error).message}` });
    return [];
  }
  const parsed = DealHistory.safeParse(value);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => ({ row: first.row, column, rule: `${pathText(issue.path)}: ${issue.message}` })));
    return [];
  }
  if (bookedOn !== undefined) problems.push(...historyDayProblems(bookedOn, parsed.data, today).map((rule) => ({ row: first.row, column, rule })));
  return parsed.data;
}

const pathText = (path: PropertyKey[]): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

/** The row and column a booking-schema issue came from; a field no column fills is named by its path. */
function problemOf(mapping: ImportMapping, rows: SourceRow[], issue: z.core.$ZodIssue): RowProblem {
  const [head, second, third, fourth] = issue.path;
  const first = rows[0]!.row;
  if (head === 'lineItems' && typeof second === 'number') {
    const field = third as LineItemField | undefined;
    return { row: rows[second]?.row ?? first, column: (field && mapping.lineItem[field]) ?? pathText(issue.path), rule: issue.message };
  }
  if (head === 'team' && typeof second === 'string') {
    const columns = mapping.team[second as keyof ImportMapping['team']];
    const column = fourth === 'name' ? columns?.name : columns?.id;
    return { row: first, column: column ?? pathText(issue.path), rule: issue.message };
  }
  const field = head === 'customer' || head === 'renewal' ? `${String(head)}.${String(second ?? (head === 'renewal' ? 'termMonths' : 'name'))}` : String(head);
  const column = head === 'id' ? mapping.dealId : mapping.deal[field as keyof ImportMapping['deal']];
  return { row: first, column: column ?? pathText(issue.path), rule: issue.message };
}
