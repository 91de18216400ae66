import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect';
import { projectDealSnapshot } from '../../src/db/read-model/project-deal';
import { ClaimsReport } from '../../src/incentives/quote-schema';
import { tempDir } from '../support/temporal';
import { snapshot } from '../db/support/deal-snapshots';
import { AS_OF, TEN_DEALS } from '../unit/forecast/ten-deals';
import { booking, call, startApiStack, type ApiStack } from './api-stack';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

let stack: ApiStack;
let db: Db;
/** The seeded portfolio: the hand-worked deals of Northwind (Fabrikam's are another partner's). */
const portfolio = TEN_DEALS.map((row) => row.deal).filter((deal) => deal.partnerId === 'northwind');

beforeAll(async () => {
  stack = await startApiStack();
  // The stack's own connection: tests read and change rows directly.
  db = stack.db;
  for (const deal of TEN_DEALS.map((row) => row.deal)) {
    const row = snapshot({ partnerId: deal.partnerId, dealId: deal.dealId, customerName: deal.customerName });
    await projectDealSnapshot(db, { ...row, view: { ...row.view, team: deal.view.team as typeof row.view.team, deadlines: deal.view.deadlines as typeof row.view.deadlines }, booking: deal.booking });
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function baton(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
  return stdout;
}

describe('GET /forecast on a seeded portfolio', () => {
  it("prices every window of every deal exactly as `baton quote` does for the same facts and day", async () => {
    const { status, body } = await call(stack, 'ana', 'GET', `/forecast?asOf=${AS_OF}&horizon=P18M`);
    expect(status).toBe(200);
    expect(body.deals).toEqual({ read: portfolio.length, unpriced: [] });
    const dir = tempDir('forecast-quotes');
    for (const deal of portfolio) {
      const files = { deal: path.join(dir, `${deal.dealId}-deal.json`), partner: path.join(dir, `${deal.dealId}-partner.json`), evidence: path.join(dir, `${deal.dealId}-facts.json`) };
      await writeFile(files.deal, JSON.stringify(deal.booking.deal));
      await writeFile(files.partner, JSON.stringify(deal.booking.partner));
      await writeFile(files.evidence, JSON.stringify(deal.booking.facts));
      const quote = ClaimsReport.parse(JSON.parse(await baton(['quote', '--deal', files.deal, '--partner', files.partner, '--evidence', files.evidence, '--as-of', AS_OF, '--json'])));
      const windows = (body.windows as { dealId: string; milestone: string; quotedUsd: number; lastDay: string }[]).filter((w) => w.dealId === deal.dealId);
      expect(windows.length).toBeGreaterThan(0);
      for (const w of windows) {
        const claim = quote.claims.find((c) => c.milestone === w.milestone);
        expect({ milestone: w.milestone, amountUsd: w.quotedUsd, deadline: w.lastDay }).toEqual({ milestone: claim?.milestone, amountUsd: claim?.amountUsd, deadline: claim?.deadline });
      }
    }
  }, 240_000);

  it('answers a what-if without writing: the rows are the same before and after', async () => {
    const before = await db.selectFrom('deal_read_model').select(['workflow_id', 'seq', 'booking', 'at_stake_usd']).orderBy('workflow_id').execute();
    const { status, body } = await call(stack, 'ana', 'GET', `/forecast?asOf=${AS_OF}&whatIf=${encodeURIComponent('slip:D1:30,extend:D3:adopt-success-plan:30')}`);
    expect(status).toBe(200);
    expect(body.whatIfs).toEqual(['deal D1 slips 30 days', 'deal D3: adopt-success-plan extended by 30 days']);
    const plan = (id: string) => body.windows.find((w: { dealId: string; milestone: string }) => w.dealId === id && w.milestone === 'adopt:success-plan');
    expect(plan('D1').status).toBe('at-risk');
    expect(plan('D3')).toMatchObject({ status: 'at-risk', lastDay: '2021-08-03' });
    expect(await db.selectFrom('deal_read_model').select(['workflow_id', 'seq', 'booking', 'at_stake_usd']).orderBy('workflow_id').execute()).toEqual(before);
  });

  it('totals by partner, owner, architecture or stage, and only over the caller\'s partner', async () => {
    const byOwner = await call(stack, 'ana', 'GET', `/forecast?asOf=${AS_OF}&by=owner`);
    expect(byOwner.body.totals.map((t: { key: string }) => t.key)).toContain('am.d2@northwind.example');
    const byPartner = await call(stack, 'ana', 'GET', `/forecast?asOf=${AS_OF}&by=partner`);
    expect(byPartner.body.totals.map((t: { key: string }) => t.key)).toEqual(['northwind']);
  });

  it('refuses an unknown parameter, a bad horizon and a malformed what-if, naming each', async () => {
    const unknown = await call(stack, 'ana', 'GET', '/forecast?asof=2021-06-30');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('asOf');
    const horizon = await call(stack, 'ana', 'GET', '/forecast?horizon=6 months');
    expect(horizon.status).toBe(400);
    expect(JSON.stringify(horizon.body)).toContain('ISO 8601 duration');
    const whatIf = await call(stack, 'ana', 'GET', '/forecast?whatIf=slip:D1');
    expect(whatIf.status).toBe(400);
    expect(whatIf.body.message).toContain('"slip:D1" is not a what-if');
  });

  it('`baton forecast` prints the same forecast, as JSON, CSV and a table', async () => {
    const env = { BATON_API_URL: stack.url, BATON_TOKEN: stack.secrets.ana };
    const json = JSON.parse(await baton(['forecast', '--as-of', AS_OF, '--by', 'stage', '--json'], env));
    const route = await call(stack, 'ana', 'GET', `/forecast?asOf=${AS_OF}&by=stage`);
    expect(json).toEqual(route.body);
    const csv = await baton(['forecast', '--as-of', AS_OF, '--csv'], env);
    expect(csv.split('\r\n')[0]).toBe('dealId,partnerId,customerName,owner,architecture,stage,windowId,milestone,lastDay,status,quotedUsd,atStakeUsd,missedUsd,paidIn,why');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(route.body.windows.length + 1);
    const table = await baton(['forecast', '--as-of', AS_OF, '--what-if', 'advanced:northwind'], env);
    expect(table).toContain('what if: partner northwind becomes advanced');
    expect(table).toContain('FY2022 Q1');
  }, 120_000);
});

describe('the read model of a live deal', () => {
  it("keeps the booking and the forecaster's dollars at stake", async () => {
    const registered = await call(stack, 'ana', 'POST', '/deals', booking('forecast-live'));
    expect(registered.status).toBe(201);
    let row: { at_stake_usd: number; booking: unknown } | undefined;
    for (let i = 0; i < 100 && !row?.booking; i++) {
      row = await db.selectFrom('deal_read_model').select(['at_stake_usd', 'booking']).where('deal_id', '=', 'forecast-live').executeTakeFirst();
      if (!row?.booking) await new Promise((r) => setTimeout(r, 200));
    }
    expect(row?.booking).toMatchObject({ deal: { id: 'forecast-live' }, program: { id: 'fy2021-lifecycle', version: 1 } });
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await call(stack, 'ana', 'GET', `/forecast?asOf=${today}&horizon=P10Y`);
    const open = body.windows.filter((w: { dealId: string; status: string }) => w.dealId === 'forecast-live' && w.status !== 'earned' && w.status !== 'missed');
    const sum = open.reduce((s: number, w: { atStakeUsd: number }) => s + w.atStakeUsd, 0);
    expect(sum).toBeGreaterThan(0);
    expect(Number(row!.at_stake_usd)).toBe(sum);
  }, 60_000);
});
