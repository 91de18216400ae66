import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { importDeals, type ImportEvent } from '../../src/imports/import-deals';
import { shippedMapping } from '../../src/imports/mapping';
import { readRows, type ImportFormat } from '../../src/imports/row-source';
import { BAD_ROWS, csvOf, goodRow, HEADER } from './salesforce-rows';

const mapping = await shippedMapping('salesforce-opportunity-lines');

async function dryRun(file: Buffer | string, format: ImportFormat): Promise<ImportEvent[]> {
  const events: ImportEvent[] = [];
  const register = () => Promise.reject(new Error('a dry run registers nothing'));
  for await (const e of importDeals(readRows(Readable.from([file]), format), { mapping, partnerId: 'northwind', today: '2026-01-01', dryRun: true, register })) events.push(e);
  return events;
}

it('names the row, column and rule of every bad row of a 500-row export, and counts the rest valid', async () => {
  const rows = Array.from({ length: 500 }, (_, i) => goodRow(`opp-${i}`, '1/15/2021'));
  const bad = new Map(BAD_ROWS.map((b, k) => [k * 25 + 3, b]));
  for (const [i, b] of bad) Object.assign(rows[i]!, b.change);
  const events = await dryRun(csvOf(rows), 'csv');
  const problems = events.filter((e) => e.kind === 'problem');
  expect(new Set(problems.map((p) => p.row))).toEqual(new Set([...bad.keys()].map((i) => i + 2)));
  for (const [i, b] of bad) {
    const found = problems.filter((p) => p.row === i + 2);
    expect(found.map((p) => p.column), `row ${i + 2}`).toContain(b.column);
    expect(found.find((p) => p.column === b.column)?.rule, `row ${i + 2}`).toMatch(b.rule);
  }
  expect(events.at(-1)).toMatchObject({ kind: 'summary', dryRun: true, rows: 500, deals: 500, valid: 480, invalidRows: 20, created: 0 });
});

it('groups the line items of one opportunity into one booking, and refuses rows of a deal that are not together', async () => {
  const rows = [goodRow('opp-a', '1/15/2021'), goodRow('opp-a', '1/15/2021', { 'Product Code': 'DC-ACI-ADV', 'Total Price': '180000' }), goodRow('opp-b', '2/1/2021'), goodRow('opp-a', '1/15/2021')];
  const events = await dryRun(csvOf(rows), 'csv');
  expect(events.filter((e) => e.kind === 'problem')).toEqual([{ kind: 'problem', row: 5, column: 'Opportunity ID', rule: 'the rows of deal opp-a must be together: it started on row 2', dealId: 'opp-a' }]);
  expect(events.at(-1)).toMatchObject({ rows: 4, deals: 2, valid: 2 });
});

it('reads an XLSX workbook as the same rows, with real dates and numbers in its cells', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Opportunities');
  sheet.addRow(HEADER);
  const row = goodRow('opp-x', '1/15/2021');
  sheet.addRow(HEADER.map((h) => (h === 'Close Date' ? new Date('2021-01-15T00:00:00Z') : h === 'Total Price' ? 420000 : row[h])));
  sheet.addRow(HEADER.map((h) => (h === 'Opportunity ID' ? 'opp-y' : h === 'Quantity' ? 'many' : h === 'Total Price' ? 180000 : row[h])));
  const events = await dryRun(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
  expect(events.filter((e) => e.kind === 'problem')).toEqual([expect.objectContaining({ row: 3, column: 'Quantity', dealId: 'opp-y' })]);
  expect(events.at(-1)).toMatchObject({ rows: 2, deals: 2, valid: 1, invalidRows: 1 });
});

it('reports a history cell that is not JSON, or dates a fact before the booking', async () => {
  const withHistory = { ...mapping, deal: { ...mapping.deal, history: 'History' } };
  const csv = `${HEADER.join(',')},History\n${HEADER.map((h) => goodRow('opp-h', '1/15/2021')[h]).join(',')},"[{""on"":""2020-01-01"",""action"":{""type"":""usage.record"",""actor"":""sam.ito@northwind.example"",""evidence"":{""id"":""e1"",""useCase"":""intersight"",""observedOn"":""2020-01-01"",""source"":""telemetry"",""metrics"":{}}}}]"\n`;
  const events: ImportEvent[] = [];
  const register = () => Promise.reject(new Error('a dry run registers nothing'));
  for await (const e of importDeals(readRows(Readable.from([csv]), 'csv'), { mapping: withHistory, partnerId: 'northwind', today: '2026-01-01', dryRun: true, register })) events.push(e);
  expect(events.filter((e) => e.kind === 'problem').map((e) => e.kind === 'problem' && `${e.column}: ${e.rule}`)).toEqual(['History: [0].on: 2020-01-01 is before the booking on 2021-01-15']);
});
