import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportEvent } from '../../src/imports/import-deals';
import { tempDir } from '../support/temporal';
import { BAD_ROWS, csvOf, goodRow } from '../imports/salesforce-rows';
import { batonCli, call, startApiStack, type ApiStack, type PersonKey } from './api-stack';

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** The 500-row export: every opportunity closed on 2021-01-15, rows 25k+3 broken one way each. */
const rows = Array.from({ length: 500 }, (_, i) => goodRow(`opp-${i}`, '1/15/2021'));
const bad = new Map(BAD_ROWS.map((b, k) => [k * 25 + 3, b]));
for (const [i, b] of bad) Object.assign(rows[i]!, b.change);
const csv = csvOf(rows);

async function postImport(who: PersonKey, body: string, query: string): Promise<{ status: number; events: ImportEvent[] }> {
  const response = await fetch(`${stack.url}/imports?mapping=salesforce-opportunity-lines${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.secrets[who]}`, 'content-type': 'text/csv' },
    body,
  });
  const text = await response.text();
  if (!response.ok) return { status: response.status, events: [JSON.parse(text)] };
  return { status: response.status, events: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ImportEvent) };
}

const summaryOf = (events: ImportEvent[]) => events.find((e) => e.kind === 'summary');

it('refuses an import by someone who is not a partner admin, before reading the file', async () => {
  const { status, events } = await postImport('ana', csv, '&dryRun=true');
  expect(status).toBe(403);
  expect(JSON.stringify(events[0])).toMatch(/importing deals needs the LEAD or EXEC role/);
});

it('dry run: names each bad row with its column and rule, and registers nothing', async () => {
  const { status, events } = await postImport('lee', csv, '&dryRun=true');
  expect(status).toBe(200);
  const problems = events.filter((e) => e.kind === 'problem');
  expect(new Set(problems.map((p) => p.row))).toEqual(new Set([...bad.keys()].map((i) => i + 2)));
  for (const [i, b] of bad) expect(problems.filter((p) => p.row === i + 2).map((p) => p.column), `row ${i + 2}`).toContain(b.column);
  expect(summaryOf(events)).toMatchObject({ dryRun: true, rows: 500, valid: 480, invalidRows: 20, created: 0 });
  expect((await call(stack, 'lee', 'GET', '/deals/opp-0')).status).toBe(404);
});

it('registers the 480 good deals once even when run twice; a changed row is a conflict and is not applied', async () => {
  const first = await postImport('lee', csv, '');
  expect(summaryOf(first.events)).toMatchObject({ dryRun: false, rows: 500, created: 480, unchanged: 0, conflicts: 0, invalidRows: 20 });
  const second = await postImport('lee', csv, '');
  expect(summaryOf(second.events)).toMatchObject({ created: 0, unchanged: 480, conflicts: 0 });

  const changed = csvOf([goodRow('opp-0', '1/15/2021', { 'Total Price': '999' })]);
  const third = await postImport('lee', changed, '');
  expect(third.events.filter((e) => e.kind === 'conflict')).toEqual([{ kind: 'conflict', row: 2, dealId: 'opp-0', fields: ['lineItems'] }]);
  const timeline = await call(stack, 'lee', 'GET', '/deals/opp-0/timeline');
  expect(timeline.body.items.filter((e: { type: string }) => e.type === 'deal.registered').map((e: { details: { valueUsd: number } }) => e.details.valueUsd)).toEqual([420000]);
}, 600_000);

it('a deal booked in 2021 sends no notification for a rung or a window already past', async () => {
  const timeline = await call(stack, 'lee', 'GET', '/deals/opp-1/timeline');
  expect(timeline.status).toBe(200);
  const items = timeline.body.items as { type: string; details: Record<string, unknown>; actor?: string }[];
  expect(items.find((e) => e.type === 'deal.registered')?.actor).toBe('lee.park@northwind.example');
  const breached = items.filter((e) => e.type === 'deadline.breached');
  expect(breached.length).toBeGreaterThan(0);
  expect(breached.every((e) => e.details.beforeEntry === true)).toBe(true);
  const sent = stack.logs.filter((l) => l.includes('"notification"') && l.includes('"dealId":"opp-'));
  expect(sent.filter((l) => /"kind":"deadline\./.test(l))).toEqual([]);
  expect(sent.some((l) => l.includes('"kind":"handoff.assigned"'))).toBe(true);
});

it('baton import deals: the CLI streams a file with a mapping file, prints each bad row and a closing summary', async () => {
  const dir = tempDir('import-cli');
  const file = join(dir, 'book.csv');
  writeFileSync(file, csvOf([goodRow('cli-1', '1/15/2021'), goodRow('cli-2', '1/15/2021', { Quantity: '0' })]));
  const mappingFile = join(dir, 'mapping.yaml');
  writeFileSync(mappingFile, 'id: my-crm\ndealId: Opportunity ID\ndeal: { customer.name: Account Name, architecture: Architecture, bookedOn: Close Date, renewal.termMonths: Contract Term (Months) }\ndateFormat: M/D/YYYY\nlineItem: { sku: Product Code, quantity: Quantity, netValueUsd: Total Price }\nteam: { AM: { id: Opportunity Owner Email, name: Opportunity Owner } }\nvalues: { architecture: { Data Center: data-center } }\n');
  const run = (args: string[]) => batonCli(stack, args, { as: 'lee' });
  const dry = await run(['import', 'deals', file, '--mapping', mappingFile, '--dry-run']);
  expect(dry.stdout).toContain('row 3, column Quantity: must be a positive whole number');
  expect(dry.stdout).toContain('dry run: 2 rows, 2 deals: 1 valid, 1 rows with problems; nothing registered');
  expect(dry.code).toBe(2);
  const real = await run(['import', 'deals', file, '--mapping', mappingFile]);
  expect(real.stdout).toContain('1 registered');
  expect((await call(stack, 'lee', 'GET', '/deals/cli-1')).status).toBe(200);
}, 120_000);
