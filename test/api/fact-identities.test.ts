import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booking, call, startApiStack, type ApiStack } from './api-stack';

/** The money defects of issue 11 through the HTTP API on the dev server: a fact earns once, on a true date. */

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const expansion = (orderRef: string, netValueUsd: number) => ({ orderRef, bookedOn: today(), lineItems: [{ sku: 'DC-INTERSIGHT-ADV', quantity: 50, netValueUsd }] });
const timelineOf = async (dealId: string): Promise<{ type: string }[]> => (await call(stack, 'ana', 'GET', `/deals/${dealId}/timeline`)).body.items;

describe('facts have identities', () => {
  it('the same expansion order twice is recorded once and says so; another order under its reference is refused naming both', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('fact-expand'))).status).toBe(201);
    const first = await call(stack, 'ana', 'POST', '/deals/fact-expand/actions/expansion.book', expansion('SO-42', 200000));
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { type: string }) => e.type)).toContain('expansion.booked');

    const again = await call(stack, 'ana', 'POST', '/deals/fact-expand/actions/expansion.book', expansion('SO-42', 200000));
    expect(again.status).toBe(200);
    expect(again.body.entries).toEqual([]);
    expect(again.body.unchanged).toMatch(/SO-42.*already recorded.*nothing changed/);

    const other = await call(stack, 'ana', 'POST', '/deals/fact-expand/actions/expansion.book', expansion('SO-42', 999000));
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/SO-42/);
    expect((await timelineOf('fact-expand')).filter((e) => e.type === 'expansion.booked')).toHaveLength(1);
  });

  it('usage evidence dated before the booking or after today is refused, and nothing is recorded or claimed', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('fact-dates'))).status).toBe(201);
    const evidence = (id: string, observedOn: string) => ({ evidence: { id, useCase: 'intersight', observedOn, source: 'telemetry', metrics: { licensedServers: 100, claimedServers: 40 } } });
    const backdated = await call(stack, 'chris', 'POST', '/deals/fact-dates/actions/usage.record', evidence('ev-2019', '2019-03-01'));
    expect(backdated.status).toBe(409);
    expect(backdated.body.message).toMatch(/observedOn 2019-03-01 is before the deal's booking/);
    const future = await call(stack, 'chris', 'POST', '/deals/fact-dates/actions/usage.record', evidence('ev-future', '2099-01-01'));
    expect(future.status).toBe(409);
    expect(future.body.message).toMatch(/after the deal's today/);
    const negative = await call(stack, 'chris', 'POST', '/deals/fact-dates/actions/usage.record', { evidence: { ...evidence('ev-negative', today()).evidence, metrics: { licensedServers: 100, claimedServers: -40 } } });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toMatch(/^body\.evidence\.metrics\.claimedServers: /);
    const timeline = await timelineOf('fact-dates');
    expect(timeline.filter((e) => e.type === 'usage.recorded' || e.type === 'claim.submitted')).toEqual([]);
  });
});

describe('one claim has one status history wherever it is shown', () => {
  it('GET /deals/{id} and GET /claims agree after the vendor accepted the claim', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('one-history'))).status).toBe(201);
    const evidence = { evidence: { id: 'intersight-1', useCase: 'intersight', observedOn: today(), source: 'telemetry', metrics: { licensedServers: 100, claimedServers: 40 } } };
    expect((await call(stack, 'chris', 'POST', '/deals/one-history/actions/usage.record', evidence)).status).toBe(200);
    // The claim is submitted by the deal a moment after the evidence (its own activity).
    // The ledger holds the claim as a draft a moment before the gateway's receipt makes it submitted.
    await expect.poll(async () => (await call(stack, 'ana', 'GET', '/claims?dealId=one-history')).body.claims.map((c: { status: string }) => c.status), { timeout: 20_000 }).toEqual(['submitted']);
    const [claim] = (await call(stack, 'ana', 'GET', '/claims?dealId=one-history')).body.claims;
    expect(claim).toMatchObject({ milestone: 'use:intersight', amountUsd: 5000, status: 'submitted' });

    const accepted = await call(stack, 'lee', 'POST', `/claims/${claim.claimId}/decisions`, { status: 'accepted', at: new Date().toISOString(), amountApprovedUsd: 5000 });
    expect(accepted.status).toBe(200);
    const [listed] = (await call(stack, 'ana', 'GET', '/claims?dealId=one-history')).body.claims;
    const [shown] = (await call(stack, 'ana', 'GET', '/deals/one-history')).body.claims;
    expect(shown.statusHistory.map((h: { status: string }) => h.status)).toEqual(['draft', 'submitted', 'accepted']);
    expect(shown).toEqual(listed);
  });
});

describe('windows are independent', () => {
  /** The day `days` before today, so that a deal booked on it is that far into its windows. */
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const plan = {
    productsSold: ['Intersight Essentials'],
    outcomes: [{ name: 'Cut operating cost', initiatives: [{ name: 'Claim every server', kpis: [{ name: 'Servers claimed', initialState: '0%', targetState: '80%', measurement: 'Intersight inventory' }] }] }],
    adoptionPlan: { strategy: 'Site by site' },
  };
  const outcomes = {
    reportId: 'outcomes-1',
    report: {
      results: [{ kpi: 'Servers claimed', initialState: '0%', achievedState: '85%', measuredOn: daysAgo(1) }],
      confirmation: { kind: 'email', from: 'jo.park@acme.example', messageId: '<outcomes-1@acme.example>', receivedOn: daysAgo(1) },
    },
  };

  it("usage evidence dated inside a Use window that has closed is recorded, earns nothing, and says when it was received", async () => {
    // Booked 500 days ago: the Use window (12 months from the end of the booking's fiscal quarter) has closed.
    const bookedOn = daysAgo(500);
    expect((await call(stack, 'ana', 'POST', '/deals', { ...booking('late-usage'), bookedOn })).status).toBe(201);
    const observedOn = daysAgo(470);
    const evidence = { evidence: { id: 'ev-old', useCase: 'intersight', observedOn, source: 'telemetry', metrics: { licensedServers: 100, claimedServers: 40 } } };
    expect((await call(stack, 'chris', 'POST', '/deals/late-usage/actions/usage.record', evidence)).status).toBe(200);
    const deal = (await call(stack, 'ana', 'GET', '/deals/late-usage')).body;
    expect(deal.claims).toEqual([]);
    const late = deal.ineligibleClaims.find((c: { milestone: string }) => c.milestone === 'use:intersight');
    expect(late.reason).toMatch(new RegExp(`^telemetry ev-old \\(observed ${observedOn}\\) was received on ${today()}, after its window closed on \\d{4}-\\d{2}-\\d{2}$`));
    expect((await call(stack, 'ana', 'GET', '/claims?dealId=late-usage')).body.claims).toEqual([]);
  });

  it('a success plan received after its 90 days earns nothing, with the dates; the outcomes keep their 12 months and are claimed', async () => {
    // Booked 100 days ago: the plan's 90-day window closed 10 days ago, the outcomes' 12 months run on.
    const bookedOn = daysAgo(100);
    expect((await call(stack, 'ana', 'POST', '/deals', { ...booking('late-plan'), bookedOn })).status).toBe(201);
    expect((await call(stack, 'chris', 'POST', '/deals/late-plan/actions/successPlan.submit', { plan })).status).toBe(200);
    expect((await call(stack, 'chris', 'POST', '/deals/late-plan/actions/outcomes.record', outcomes)).status).toBe(200);

    // Drafted as the outcomes land, then submitted by the deal's claims lane a moment later.
    await expect.poll(async () => (await call(stack, 'ana', 'GET', '/claims?dealId=late-plan')).body.claims.map((c: { status: string }) => c.status), { timeout: 20_000 }).toEqual(['submitted']);
    const [claim] = (await call(stack, 'ana', 'GET', '/claims?dealId=late-plan')).body.claims;
    // Northwind is specialized, the deal's one SKU is $420,000 of software: Adopt tier Small.
    expect(claim).toMatchObject({ milestone: 'adopt:business-outcomes', amountUsd: 15000, status: 'submitted' });

    const deal = (await call(stack, 'ana', 'GET', '/deals/late-plan')).body;
    const closedOn = new Date(Date.parse(`${bookedOn}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
    const latePlan = deal.ineligibleClaims.find((c: { milestone: string }) => c.milestone === 'adopt:success-plan');
    expect(latePlan.reason).toBe(`the success plan was received on ${today()}, after its window closed on ${closedOn}`);
    expect(JSON.stringify(deal.ineligibleClaims)).not.toMatch(/not yet proven/);
  });
});
