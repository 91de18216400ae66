import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One data row of an import file: its row number as the file shows it (the header is row 1) and its cells by column name. */
export interface SourceRow {
  row: number;
  cells: Record<string, string>;
}

export type ImportFormat = 'csv' | 'xlsx';

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/**
 * The rows of a CSV or XLSX file as they arrive: the file is parsed as a stream, never held
 * whole, and the consumer's pace is the reader's (back-pressure through async iteration).
 */
export function readRows(input: Readable, format: ImportFormat): AsyncGenerator<SourceRow> {
  return format === 'csv' ? csvRows(input) : xlsxRows(input);
}

async function* csvRows(input: Readable): AsyncGenerator<SourceRow> {
  const parser = input.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, trim: true, info: true }));
  input.on('error', (err) => parser.destroy(err));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { row: info.lines, cells: record };
    }
  } catch (err) {
    throw new ImportFileError(`not a CSV file Baton can read: ${(err as Error).message}`);
  }
}

/** A cell as the text a CSV export would hold: days as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

/** The first worksheet: its first row names the columns. */
async function* xlsxRows(input: Readable): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const worksheet of reader) {
      let header: string[] | undefined;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!header) {
          header = values;
          continue;
        }
        if (values.every((v) => v === '')) continue;
        yield { row: row.number, cells: Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])) };
      }
      return;
    }
  } catch (err) {
    throw new ImportFileError(`not an XLSX workbook Baton can read: ${(err as Error).message}`);
  }
}
