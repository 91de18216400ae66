import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { loadEnvConfig } from '../../src/config/env';
import { parseDraftClaim } from '../../src/claims/submitted-claim';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { openDatabase } from '../../src/db/open-database';
import { draftClaim } from '../adapters/support/claim-fixture';
import { parseCsv } from '../adapters/support/csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_ESCALATION_MS, FAST_LADDER_PLAYBOOK_ID, writeFastLadderPlaybooks } from './fast-ladder-playbook';
import { CONSOLE_PEOPLE, newSession, screenshot, seriousA11yViolations, signInAsDevPerson, signInWithToken, startConsoleStack, type ConsoleStack } from './console-stack';

let stack: ConsoleStack;
const run = Date.now().toString(36);

beforeAll(async () => {
  stack = await startConsoleStack({ playbooksDir: writeFastLadderPlaybooks });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const team = {
  AM: [CONSOLE_PEOPLE.ana.person],
  CSM: [CONSOLE_PEOPLE.chris.person],
  RM: [CONSOLE_PEOPLE.rita.person],
  LEAD: [CONSOLE_PEOPLE.lou.person],
};

const DAY_MS = 86_400_000;

/** A booking registered over the API, as the CLI would; booked today unless said otherwise. */
async function registerOverApi(dealId: string, bookedDaysAgo = 0, playbookId?: string): Promise<void> {
  const registered = await stack.http('ana', 'POST', '/deals', {
    id: dealId,
    partnerId: 'northwind',
    customer: { name: 'Globex' },
    architecture: 'data-center',
    bookedOn: new Date(Date.now() - bookedDaysAgo * DAY_MS).toISOString().slice(0, 10),
    lineItems: [{ sku: 'DC-INTERSIGHT-ESS', useCase: 'intersight', quantity: 10, netValueUsd: 50000 }],
    renewal: { termMonths: 12 },
    team,
    ...(playbookId ? { playbookId } : {}),
  });
  expect(registered.status).toBe(201);
}

/** The sending side's part of the Sales to CS transfer: the AM's checklist items and every artifact. */
async function amCompletesTransfer(dealId: string): Promise<void> {
  const handoff = (await stack.http('ana', 'GET', `/deals/${dealId}/handoffs/sales-to-cs`)).body as { checklist: { id: string; owner: string }[]; artifacts: { id: string }[] };
  for (const item of handoff.checklist.filter((i) => i.owner === 'AM')) {
    expect((await stack.http('ana', 'POST', `/deals/${dealId}/handoffs/sales-to-cs/tick`, { itemId: item.id })).status).toBe(200);
  }
  for (const artifact of handoff.artifacts) {
    expect((await stack.http('ana', 'POST', `/deals/${dealId}/handoffs/sales-to-cs/attach`, { artifactId: artifact.id, reference: `crm://${artifact.id}` })).status).toBe(200);
  }
}

/** The error shown beside a field: the element its aria-describedby names for errors. */
async function fieldError(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  const described = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(' ').find((id) => id.endsWith('-error'));
  if (!errorId) return null;
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  return page.locator(`[id="${errorId}"]`).textContent();
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('the web console, on the stack npm start runs', () => {
  it('an AM registers a deal through the form, after seeing the field errors of a bad one', async () => {
    const registeredId = `console-${run}`;
    const dealsBefore = ((await stack.http('ana', 'GET', '/deals?pageSize=100')).body.deals as unknown[]).length;
    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'ana');
    await page.getByRole('link', { name: 'Register a deal' }).click();
    await page.getByRole('heading', { name: 'Register a deal' }).waitFor();

    await page.getByLabel('Deal id', { exact: true }).fill('bad deal!');
    await page.getByLabel('Net value, USD (line 1)').fill('-5');
    await page.getByLabel('Customer Success Manager (CSM): name').fill('Chris Lee');
    await page.getByLabel('Customer Success Manager (CSM): e-mail').fill('not-an-e-mail');
    await page.getByRole('button', { name: 'Register the deal' }).click();
    await page.getByRole('alert').filter({ hasText: 'problems with this booking' }).waitFor();
    expect(await fieldError(page, 'Deal id')).toMatch(/must be letters, digits/);
    expect(await fieldError(page, 'Customer name')).toBe('must not be empty');
    expect(await fieldError(page, 'SKU (line 1)')).toBe('must not be empty');
    expect(await fieldError(page, 'Net value, USD (line 1)')).toBe('must be zero or more');
    expect(await fieldError(page, 'Customer Success Manager (CSM): e-mail')).toMatch(/e-mail address/);
    expect(await fieldError(page, 'Booked on')).toBeNull();
    await screenshot(page, 'console-register-field-errors');
    await expectAccessible(page);
    expect((await stack.http('ana', 'GET', '/deals?pageSize=100')).body.deals).toHaveLength(dealsBefore);

    await page.getByLabel('Deal id', { exact: true }).fill(registeredId);
    await page.getByLabel('Customer name').fill('Acme Corp');
    await page.getByLabel('SKU (line 1)').fill('DC-INTERSIGHT-ESS');
    await page.getByLabel('Use case (line 1)').fill('intersight');
    await page.getByLabel('Quantity (line 1)').fill('100');
    await page.getByLabel('Net value, USD (line 1)').fill('420000');
    await page.getByLabel('Customer Success Manager (CSM): e-mail').fill(CONSOLE_PEOPLE.chris.person.id);
    await page.getByLabel('Renewals Manager (RM): name').fill(CONSOLE_PEOPLE.rita.person.name);
    await page.getByLabel('Renewals Manager (RM): e-mail').fill(CONSOLE_PEOPLE.rita.person.id);
    await page.getByLabel('CS Practice Lead (LEAD): name').fill(CONSOLE_PEOPLE.lou.person.name);
    await page.getByLabel('CS Practice Lead (LEAD): e-mail').fill(CONSOLE_PEOPLE.lou.person.id);
    await page.getByRole('button', { name: 'Register the deal' }).click();

    await page.waitForURL(`**/deals/northwind/${registeredId}`);
    await page.getByText('Deal registered.').waitFor();
    await page.locator('[aria-current="step"]', { hasText: 'Purchase' }).waitFor();
    await page.getByRole('heading', { name: /Handoff: Sales to Customer Success transfer/ }).waitFor();
    await page.getByText('Deal registered: Acme Corp').waitFor();
    await screenshot(page, 'console-deal-registered');
    await expectAccessible(page);

    // The same booking again is shown, not duplicated.
    await page.goBack();
    await page.getByRole('heading', { name: 'Register a deal' }).waitFor();
    await page.getByLabel('Deal id', { exact: true }).fill(registeredId);
    await page.getByLabel('Customer name').fill('Acme Corp');
    await page.getByLabel('SKU (line 1)').fill('DC-INTERSIGHT-ESS');
    await page.getByLabel('Net value, USD (line 1)').fill('420000');
    await page.getByLabel('Customer Success Manager (CSM): name').fill(CONSOLE_PEOPLE.chris.person.name);
    await page.getByLabel('Customer Success Manager (CSM): e-mail').fill(CONSOLE_PEOPLE.chris.person.id);
    await page.getByRole('button', { name: 'Register the deal' }).click();
    await page.getByText(`is already registered; nothing was changed`).waitFor();
    await screenshot(page, 'console-register-existing');
    const timeline = (await stack.http('ana', 'GET', `/deals/${registeredId}/timeline`)).body.items as { type: string }[];
    expect(timeline.filter((i) => i.type === 'deal.registered')).toHaveLength(1);
    await context.close();
  });

  it('the CSM finds the handoff in their inbox, ticks their checklist items and accepts it', async () => {
    const dealId = `console-csm-${run}`;
    await registerOverApi(dealId);
    await amCompletesTransfer(dealId);
    const { context, page } = await newSession(stack);
    await signInWithToken(page, stack.secrets.chris);
    const row = page.getByRole('row').filter({ hasText: dealId });
    const task = row.getByRole('link', { name: 'Handoff: Sales to Customer Success transfer' });
    // The inbox reads the read model, which showed each action before it answered: no waiting.
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await page.getByRole('table').or(page.getByText('Nothing is waiting for you.')).first().waitFor();
    expect(await task.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Accountable/);
    expect(await row.textContent()).toMatch(/left/);
    await screenshot(page, 'console-my-work-csm');
    await expectAccessible(page);

    await task.click();
    await page.waitForURL(`**/deals/northwind/${dealId}#handoff-sales-to-cs`);
    for (const task of [/^Review business goals/, /^Review the CS team's roles/]) {
      const box = page.getByRole('checkbox', { name: task });
      await box.click();
      await expect.poll(() => box.isChecked(), { timeout: 15_000 }).toBe(true);
      expect(await box.isDisabled()).toBe(true);
    }
    expect(await page.getByRole('checkbox', { name: /^Gather contract data/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Accept the handoff' }).click();
    await page.getByText('Handoff Sales to Customer Success transfer accepted.').waitFor();
    expect((await stack.http('chris', 'GET', `/deals/${dealId}/timeline`)).body.items).toContainEqual(expect.objectContaining({ type: 'handoff.accepted', actor: CONSOLE_PEOPLE.chris.person.id }));
    await page.reload();
    await page.getByText('Handoff sales-to-cs accepted').waitFor();
    expect(await page.getByRole('link', { name: /Temporal event history of handoff.accepted/ }).getAttribute('href')).toMatch(/\/namespaces\/default\/workflows\/deal%3Anorthwind%3A.*\/history$/);
    await screenshot(page, 'console-handoff-accepted');
    await expectAccessible(page);
    await context.close();
  });

  it('the RM is offered no accept button, and the same request forged from their session is refused', async () => {
    const dealId = `console-rm-${run}`;
    await registerOverApi(dealId);
    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'rita');
    await page.goto(`/deals/northwind/${dealId}`);
    await page.getByRole('heading', { name: /Handoff: Sales to Customer Success transfer/ }).waitFor();
    await page.getByRole('checkbox', { name: /^Gather contract data/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Accept the handoff' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Return the handoff' }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /^Gather contract data/ }).isDisabled()).toBe(true);
    await page.getByText("Only the handoff's Accountable").waitFor();
    await screenshot(page, 'console-rm-no-accept');
    await expectAccessible(page);

    const forge = (headers: Record<string, string>) =>
      page.evaluate(
        async ({ path, headers }) => {
          const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: '{}' });
          return { status: response.status, body: (await response.json()) as { message: string } };
        },
        { path: `/deals/${dealId}/handoffs/sales-to-cs/accept`, headers },
      );
    const forged = await forge({ 'x-baton-console': '1' });
    expect(forged.status).toBe(403);
    expect(forged.body.message).toMatch(/rita\.vance@northwind\.example is not Accountable for handoff Sales to Customer Success transfer/);
    const withoutCsrfHeader = await forge({});
    expect(withoutCsrfHeader.status).toBe(403);
    expect(withoutCsrfHeader.body.message).toMatch(/must carry the x-baton-console header/);
    const handoff = await stack.http('ana', 'GET', `/deals/${dealId}/handoffs/sales-to-cs`);
    expect(handoff.body.status).toBe('open');
    const timeline = (await stack.http('ana', 'GET', `/deals/${dealId}/timeline`)).body.items as { type: string }[];
    expect(timeline.map((i) => i.type)).not.toContain('handoff.accepted');
    await context.close();
  });

  it('the practice lead sees an escalated deadline on the board, one click from the deal', async () => {
    // Booked 85 days ago under the fast ladder: the success plan is due within the 90-day window's
    // last week, and the Sales -> CS handoff, started as the deal entered, escalates to its
    // Accountable 30 s later (what fell due before entry is not announced, so it fires live).
    const dealId = `console-late-${run}`;
    await registerOverApi(dealId, 85, FAST_LADDER_PLAYBOOK_ID);
    const escalated = async () => {
      const { body } = await stack.http('lou', 'GET', `/deals/${dealId}`);
      return (body.escalations as { type: string; details: { rung?: string } }[]).some((e) => e.type === 'deadline.escalated' && e.details.rung === 'escalate-accountable');
    };
    await expect.poll(escalated, { timeout: FAST_ESCALATION_MS * 4, interval: 1_000 }).toBe(true);

    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'lou');
    await page.getByRole('link', { name: 'Board' }).click();
    const soon = page.getByRole('region', { name: 'Due in the next 7 days' });
    const row = soon.getByRole('row').filter({ hasText: dealId }).filter({ hasText: 'success plan' });
    await page.getByRole('heading', { name: "Practice lead's board" }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/\d+ days? .*left/);
    // The forecast's dollars: the success plan's $5,000 (Northwind is specialized) on its row.
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/\$5,000(\.00)?\s*$/);
    const escalation = page.getByRole('listitem').filter({ hasText: dealId }).filter({ hasText: /Escalated \(escalate-accountable\)/ });
    expect(await escalation.count()).toBeGreaterThan(0);
    await screenshot(page, 'console-board-escalated');
    await expectAccessible(page);

    await row.getByRole('link', { name: dealId }).click();
    await page.waitForURL(`**/deals/northwind/${dealId}`);
    const handoffLadder = page.getByRole('list', { name: /Escalation ladder of Sales to Customer Success transfer accepted/ });
    await handoffLadder.waitFor();
    expect(await handoffLadder.getByRole('listitem').filter({ hasText: /^fired escalate to A/ }).count()).toBe(1);
    const planLadder = page.getByRole('list', { name: /Escalation ladder of Adopt: Customer success plan submitted/ });
    expect(await planLadder.getByRole('listitem').filter({ hasText: /^next escalate to LEAD/ }).count()).toBe(1);
    await screenshot(page, 'console-deal-escalated');
    await context.close();
  }, FAST_ESCALATION_MS * 6);

  it('the CSM observes health on the deal page from the scorecard and telemetry, and the computed score shows on the deal', async () => {
    const dealId = `console-health-${run}`;
    await registerOverApi(dealId);
    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'chris');
    await page.goto(`/deals/northwind/${dealId}`);
    const health = page.getByRole('region', { name: 'Health', exact: true });
    await health.getByText('No health observed yet.').waitFor();
    // The form's example: 85 of 72 licences active, version 60%, 4 features, value 3 + 2 (objective
    // 6.85); 3 yes, 3 in progress, 4 no (scorecard 4.9): 0.8 x 6.85 + 0.2 x 4.9 = 6.46, Low risk.
    await health.getByRole('button', { name: 'Observe health' }).click();
    await health.getByRole('status').filter({ hasText: 'Done.' }).waitFor();
    const latest = page.getByRole('list', { name: 'Latest health observations' });
    await expect.poll(async () => (await latest.count()) > 0 && (await latest.textContent()), { timeout: 15_000 }).toBe('Health observed: score 6.46, utilisation 0.85, renewal risk Low');
    await expectAccessible(page);
    await context.close();
  });

  it("finance sees the partner's claims by quarter and status with totals, and downloads the quarter's CSV", async () => {
    // Claims as the submitClaim activity records them, in the stack's own (embedded) database.
    const database = await openDatabase(loadEnvConfig({ BATON_DATA_DIR: stack.dataDir }), () => undefined, { keepRunning: true });
    try {
      const ledger = new ClaimsLedger(database.db);
      await ledger.record(parseDraftClaim(draftClaim({ dealId: `fin-a-${run}`, amountUsd: 5000 })));
      await ledger.record(parseDraftClaim(draftClaim({ dealId: `fin-b-${run}`, amountUsd: 2500, breakdown: [{ label: 'Use: Intersight', amountUsd: 2500 }], milestone: 'use:intersight', incentive: 'use' })));
      await ledger.record(parseDraftClaim(draftClaim({ dealId: `fin-other-${run}`, partnerId: 'contoso', amountUsd: 9999, breakdown: [{ label: 'Adopt', amountUsd: 9999 }] })));
    } finally {
      await database.close();
    }
    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'ana');
    await page.getByRole('link', { name: 'Finance' }).click();
    await page.getByLabel('Fiscal quarter').fill('FY2021 Q3');
    await page.getByRole('button', { name: 'Filter' }).click();
    const totals = page.getByRole('row', { name: /^FY2021 Q3/ });
    await totals.waitFor();
    expect(await totals.textContent()).toMatch(/\$7,500\.00/);
    expect(await page.getByText('$9,999.00').count()).toBe(0);
    await page.getByRole('link', { name: `fin-a-${run}` }).waitFor();
    await screenshot(page, 'console-finance');
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the FY2021 Q3 export (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('claims-northwind-FY2021-Q3.csv');
    const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(rows[0]).toContain('claim_id');
    expect(rows.slice(1).map((r) => r[4]).sort()).toEqual([`fin-a-${run}`, `fin-b-${run}`]);
    await context.close();
  });

  it("the practice lead records the vendor's decisions on a claim, accepted then paid, and the deal page shows it paid", async () => {
    const dealId = `console-paid-${run}`;
    await registerOverApi(dealId);
    const evidence = { evidence: { id: `intersight-${run}`, useCase: 'intersight', observedOn: new Date().toISOString().slice(0, 10), source: 'telemetry', metrics: { licensedServers: 10, claimedServers: 5 } } };
    expect((await stack.http('chris', 'POST', `/deals/${dealId}/actions/usage.record`, evidence)).status).toBe(200);
    await expect.poll(async () => ((await stack.http('ana', 'GET', `/claims?dealId=${dealId}`)).body.claims as unknown[]).length, { timeout: 30_000 }).toBe(1);

    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'lou');
    await page.getByRole('link', { name: 'Finance' }).click();
    const form = page.getByRole('form', { name: "Record the vendor's decision" });
    const decide = async (from: string, decision: string, fields: Record<string, string> = {}) => {
      await form.getByLabel('Claim').selectOption({ label: `${dealId} · use:intersight · ${from}` });
      await form.getByLabel('Decision').selectOption(decision);
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
      await form.getByRole('button', { name: 'Record' }).click();
      await form.getByRole('status').filter({ hasText: `the claim is ${decision}` }).waitFor();
    };
    await decide('submitted', 'accepted', { 'Amount approved (USD)': '5000' });
    await decide('accepted', 'paid', { 'Paid on': new Date().toISOString().slice(0, 10) });
    await screenshot(page, 'console-finance-decision');
    await expectAccessible(page);

    await page.goto(`/deals/northwind/${dealId}`);
    const claims = page.getByRole('region', { name: /claims/i }).or(page.locator('section', { has: page.getByRole('heading', { name: /claims/i }) }));
    await claims.getByText('paid', { exact: true }).first().waitFor();
    const shown = (await stack.http('ana', 'GET', `/deals/${dealId}`)).body.claims as { status: string; statusHistory: { status: string }[] }[];
    expect(shown.map((c) => [c.status, c.statusHistory.map((h) => h.status)])).toEqual([['paid', ['draft', 'submitted', 'accepted', 'paid']]]);
    await screenshot(page, 'console-deal-claim-paid');
    await context.close();
  });

  it('the deals list searches and filters by the listing route\'s filters and opens a deal by id', async () => {
    const dealId = `console-list-${run}`;
    await registerOverApi(dealId);
    const { context, page } = await newSession(stack);
    await signInAsDevPerson(page, 'ana');
    const link = page.getByRole('link', { name: dealId, exact: true });
    const loaded = () => page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    // The list reads the read model, which held the deal before its registration answered: no waiting.
    await page.goto('/deals');
    await page.getByLabel('Search').fill(dealId);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=console-list/);
    await loaded();
    expect(await link.count()).toBe(1);
    await screenshot(page, 'console-deals-searched');

    await page.goto('/deals?customer=glob&architecture=data-center&stage=land');
    await loaded();
    await link.waitFor();
    expect(await page.getByLabel('Customer').inputValue()).toBe('glob');
    await page.getByLabel('Customer').fill('initech');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/customer=initech/);
    await page.getByText('No deals match.').waitFor();
    await page.goto('/deals?architecture=data-center&stage=land');
    await loaded();
    await link.waitFor();
    expect(await page.getByLabel('Architecture').inputValue()).toBe('data-center');
    await screenshot(page, 'console-deals-filtered');

    await page.getByLabel('Stage').fill('renew');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/stage=renew/);
    await page.getByText('No deals match.').waitFor();
    expect(await link.count()).toBe(0);

    await page.getByLabel('Deal id').fill(dealId);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`**/deals/northwind/${dealId}`);
    await page.getByRole('heading', { name: `Deal ${dealId} · Globex` }).waitFor();
    await context.close();
  });

  it('every page is accessible at a laptop and a phone width', async () => {
    const dealId = `console-a11y-${run}`;
    await registerOverApi(dealId);
    for (const width of [1280, 390]) {
      const { context, page } = await newSession(stack, width);
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
      await expectAccessible(page);
      await signInAsDevPerson(page, 'lou');
      const pages: [string, string][] = [
        ['/', 'My work'],
        ['/deals', 'Deals'],
        ['/deals/new', 'Register a deal'],
        [`/deals/northwind/${dealId}`, `Deal ${dealId} · Globex`],
        ['/board', "Practice lead's board"],
        ['/finance', 'Finance'],
        ['/playbook', 'Playbook: Vendor lifecycle (default) (version 1)'],
        ['/program', 'Program: Lifecycle incentives FY2021 (Use, Adopt, Expand) (version 1)'],
      ];
      for (const [path, heading] of pages) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
        await screenshot(page, `console-${width}${path.replace(dealId, 'deal').replace(/\//g, '-').replace(/-$/, '') || '-my-work'}`);
        expect(await seriousA11yViolations(page), `${path} at ${width}px`).toEqual([]);
      }
      await context.close();
    }
  });
});

describe('the console beside the JSON API', () => {
  it('serves the page to browsers and JSON to every other client, on the same paths', async () => {
    const page = await fetch(`${stack.url}/deals`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await page.text();
    expect(html).toMatch(/<div id="root">/);
    const json = await stack.http('ana', 'GET', '/deals');
    expect(json.status).toBe(200);
    expect(Array.isArray(json.body.deals)).toBe(true);
    const unauthenticated = await fetch(`${stack.url}/deals`, { headers: { accept: 'application/json' } });
    expect(unauthenticated.status).toBe(401);

    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    const script = await fetch(`${stack.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);

    const openapi = await fetch(`${stack.url}/openapi.json`, { headers: { accept: 'text/html' } });
    expect(openapi.headers.get('content-type')).toMatch(/application\/json/);
    expect((await fetch(`${stack.url}/docs/`)).status).toBe(200);
    const unknown = await fetch(`${stack.url}/no-such-page`, { headers: { accept: 'text/html' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/<div id="root">/);
    expect((await (await fetch(`${stack.url}/no-such-route`)).json()) as object).toEqual({ error: 'not_found', message: 'no route GET /no-such-route' });
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie and accepts it beside the bearer header', async () => {
    const signIn = await fetch(`${stack.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-baton-console': '1' }, body: JSON.stringify({ token: stack.secrets.chris }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^baton_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    const me = await fetch(`${stack.url}/me`, { headers: { cookie: session } });
    expect(((await me.json()) as { person: { id: string } }).person.id).toBe(CONSOLE_PEOPLE.chris.person.id);

    const noHeader = await fetch(`${stack.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: stack.secrets.chris }) });
    expect(noHeader.status).toBe(403);
    const wrong = await fetch(`${stack.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-baton-console': '1' }, body: JSON.stringify({ token: 'not-a-token' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknownField = await fetch(`${stack.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-baton-console': '1' }, body: JSON.stringify({ token: stack.secrets.chris, tokn: 'x' }) });
    expect(unknownField.status).toBe(400);

    const signOut = await fetch(`${stack.url}/session`, { method: 'DELETE', headers: { cookie: session, 'x-baton-console': '1' } });
    expect(signOut.headers.get('set-cookie')).toMatch(/baton_session=;.*Expires=Thu, 01 Jan 1970/);
  });
});
