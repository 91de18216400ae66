import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booking, call, startApiStack, type ApiStack, type PersonKey } from './api-stack';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** What must not change when a request is refused: the deal's state and its whole timeline. */
async function snapshot(dealId: string, who: PersonKey = 'ana') {
  const detail = await call(stack, who, 'GET', `/deals/${dealId}`);
  const timeline = await call(stack, who, 'GET', `/deals/${dealId}/timeline`);
  expect(detail.status).toBe(200);
  const { now: _now, deadlines, openHandoffs, ...rest } = detail.body;
  return {
    rest,
    // Time left moves with the clock; everything else about them must not.
    deadlines: deadlines.map(({ timeLeftMs: _t, ...d }: { timeLeftMs: number }) => d),
    openHandoffs: openHandoffs.map(({ timeLeftMs: _t, ...h }: { timeLeftMs: number }) => h),
    timeline: timeline.body.items,
  };
}

describe('deals over HTTP', () => {
  it('registers a deal once: the same booking again returns the same deal', async () => {
    const first = await call(stack, 'ana', 'POST', '/deals', booking('twice-1'));
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.deal.openHandoffs.map((h: { templateId: string }) => h.templateId)).toContain('sales-to-cs');

    const again = await call(stack, 'ana', 'POST', '/deals', booking('twice-1'));
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.deal.workflowId).toBe(first.body.deal.workflowId);
    expect(again.body.deal.runId).toBe(first.body.deal.runId);

    const timeline = await call(stack, 'ana', 'GET', '/deals/twice-1/timeline');
    expect(timeline.body.items.filter((i: { type: string }) => i.type === 'deal.registered')).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ type: 'deal.registered', actor: 'ana.moreno@northwind.example', actorName: 'Ana Moreno' });
    expect(timeline.body.items[0].historyUrl).toBe(
      `http://temporal-ui.test/namespaces/default/workflows/${encodeURIComponent('deal:northwind:twice-1')}/${first.body.deal.runId}/history`,
    );
  });

  it('refuses bad bookings with a 400 naming each field and its rule', async () => {
    const { customer: _c, ...missing } = booking('bad-1');
    const noCustomer = await call(stack, 'ana', 'POST', '/deals', missing);
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.error).toBe('invalid_request');
    expect(noCustomer.body.message).toMatch(/body\.customer: is required/);

    const wrongType = booking('bad-1');
    (wrongType.lineItems[0] as { netValueUsd: unknown }).netValueUsd = 'lots';
    const typed = await call(stack, 'ana', 'POST', '/deals', wrongType);
    expect(typed.status).toBe(400);
    expect(typed.body.issues).toContainEqual({ path: 'body.lineItems[0].netValueUsd', message: 'must be a number of US dollars' });

    const malformed = await fetch(`${stack.url}/deals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.secrets.ana}`, 'content-type': 'application/json' },
      body: '{"id": ',
    });
    expect(malformed.status).toBe(400);

    expect((await call(stack, 'ana', 'GET', '/deals/bad-1')).status).toBe(404);
  });

  it("refuses to register another partner's booking or one the caller is not R or A for", async () => {
    const foreign = await call(stack, 'pat', 'POST', '/deals', booking('foreign-1'));
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/you register deals for partner contoso, this booking is for northwind/);

    const asCss = await call(stack, 'sam', 'POST', '/deals', booking('css-1'));
    expect(asCss.status).toBe(403);
    expect(asCss.body.message).toMatch(/sam\.ito@northwind\.example is not Responsible or Accountable for step Purchase/);
    expect((await call(stack, 'ana', 'GET', '/deals/css-1')).status).toBe(404);
  });

  it('refuses bad actions with a 4xx naming the problem, and the deal does not change', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('guarded-1'))).status).toBe(201);
    const before = await snapshot('guarded-1');

    const cases: { who: PersonKey; path: string; body: unknown; status: number; message: RegExp }[] = [
      { who: 'chris', path: '/deals/guarded-1/handoffs/sales-to-cs/return', body: {}, status: 400, message: /body\.reason: is required/ },
      { who: 'ana', path: '/deals/guarded-1/handoffs/sales-to-cs/tick', body: { itemId: 42 }, status: 400, message: /body\.itemId: /i },
      { who: 'ana', path: '/deals/guarded-1/actions/deadline.extend', body: { deadlineId: 'use', days: 3, until: '2030-01-01', reason: 'x' }, status: 400, message: /give either days or until/ },
      { who: 'ana', path: '/deals/no-such-deal/handoffs/sales-to-cs/accept', body: {}, status: 404, message: /no deal no-such-deal for partner northwind/ },
      { who: 'pat', path: '/deals/guarded-1/handoffs/sales-to-cs/accept', body: {}, status: 404, message: /no deal guarded-1 for partner contoso/ },
      { who: 'sam', path: '/deals/guarded-1/handoffs/sales-to-cs/accept', body: {}, status: 403, message: /sam\.ito@northwind\.example is not Accountable for handoff Sales to Customer Success transfer/ },
      { who: 'chris', path: '/deals/guarded-1/handoffs/sales-to-cs/accept', body: { actor: 'ana.moreno@northwind.example' }, status: 403, message: /you act as chris\.lee@northwind\.example/ },
    ];
    for (const c of cases) {
      const response = await call(stack, c.who, 'POST', c.path, c.body);
      expect({ path: c.path, status: response.status }).toEqual({ path: c.path, status: c.status });
      expect(response.body.message).toMatch(c.message);
    }
    expect(await snapshot('guarded-1')).toEqual(before);
    expect((await call(stack, 'pat', 'GET', '/deals/guarded-1')).status).toBe(404);
    expect((await call(stack, 'pat', 'GET', '/deals/guarded-1/timeline')).status).toBe(404);
  });

  it('hands Sales over to CS: the handoff is in the CSM inbox until the CSM accepts it, each read showing the write before it', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('flow-1'))).status).toBe(201);
    // Read your writes: no polling anywhere below. Registration answers once the read model holds
    // the deal, and every action once the read model shows it.
    expect((await call(stack, 'chris', 'GET', '/inbox')).body.items).toContainEqual(expect.objectContaining({ dealId: 'flow-1', kind: 'handoff', id: 'sales-to-cs', letters: ['A'] }));

    const handoff = await call(stack, 'ana', 'GET', '/deals/flow-1/handoffs/sales-to-cs');
    expect(handoff.status).toBe(200);
    for (const item of handoff.body.checklist as { id: string; owner: string }[]) {
      const who = item.owner === 'CSM' ? 'chris' : 'ana';
      expect((await call(stack, who, 'POST', '/deals/flow-1/handoffs/sales-to-cs/tick', { itemId: item.id })).status).toBe(200);
      const shown = await call(stack, 'ana', 'GET', '/deals/flow-1/handoffs/sales-to-cs');
      expect(shown.body.checklist.find((i: { id: string }) => i.id === item.id).tickedBy).toBe(`${who === 'chris' ? 'chris.lee' : 'ana.moreno'}@northwind.example`);
    }
    for (const artifact of handoff.body.artifacts as { id: string }[]) {
      const attached = await call(stack, 'ana', 'POST', '/deals/flow-1/handoffs/sales-to-cs/attach', { artifactId: artifact.id, reference: `crm://${artifact.id}` });
      expect(attached.status).toBe(200);
    }
    const attachedView = await call(stack, 'ana', 'GET', '/deals/flow-1/handoffs/sales-to-cs');
    expect(attachedView.body.artifacts.map((a: { reference?: string }) => a.reference)).toEqual((handoff.body.artifacts as { id: string }[]).map((a) => `crm://${a.id}`));
    const accepted = await call(stack, 'chris', 'POST', '/deals/flow-1/handoffs/sales-to-cs/accept', {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ action: 'handoff.accept', actor: 'chris.lee@northwind.example', handoffStatus: 'accepted' });

    const timeline = await call(stack, 'ana', 'GET', '/deals/flow-1/timeline');
    expect(timeline.body.items.map((i: { type: string; actor?: string }) => `${i.type}:${i.actor ?? ''}`)).toContain('handoff.accepted:chris.lee@northwind.example');
    const after = await call(stack, 'chris', 'GET', '/inbox');
    expect(after.body.items.filter((i: { dealId: string; id: string }) => i.dealId === 'flow-1' && i.id === 'sales-to-cs')).toEqual([]);
  });

  it('lists deals from the read model with filters and search, paginated, never another partner\'s', async () => {
    for (const id of ['list-1', 'list-2', 'list-3']) expect((await call(stack, 'ana', 'POST', '/deals', booking(id))).status).toBeLessThan(300);
    const globex = { ...booking('list-globex'), customer: { ...booking('list-globex').customer, name: 'Globex Industries' } };
    expect((await call(stack, 'ana', 'POST', '/deals', globex)).status).toBe(201);
    // Registration answers once the read model holds the deal: listed at once.
    expect((await call(stack, 'ana', 'GET', '/deals?architecture=data-center&pageSize=100')).body.deals.length).toBeGreaterThanOrEqual(4);

    const byCustomer = await call(stack, 'ana', 'GET', '/deals?customer=GLOBEX');
    expect(byCustomer.body.deals.map((d: { dealId: string; customerName: string }) => [d.dealId, d.customerName])).toEqual([['list-globex', 'Globex Industries']]);
    const searched = await call(stack, 'ana', 'GET', `/deals?q=${encodeURIComponent('indus glo')}`);
    expect(searched.body.deals.map((d: { dealId: string }) => d.dealId)).toEqual(['list-globex']);
    const byId = await call(stack, 'ana', 'GET', '/deals?q=list-2');
    expect(byId.body.deals.map((d: { dealId: string }) => d.dealId)).toContain('list-2');
    const byStep = await call(stack, 'ana', 'GET', `/deals?step=${byCustomer.body.deals[0].step}&customer=globex`);
    expect(byStep.body.deals).toHaveLength(1);
    expect((await call(stack, 'ana', 'GET', '/deals?step=no-such-step')).body.deals).toEqual([]);
    expect((await call(stack, 'ana', 'GET', `/deals?q=${'x'.repeat(201)}`)).status).toBe(400);

    const first = await call(stack, 'ana', 'GET', '/deals?pageSize=2');
    expect(first.body.deals).toHaveLength(2);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    const second = await call(stack, 'ana', 'GET', `/deals?pageSize=2&nextPageToken=${encodeURIComponent(first.body.nextPageToken)}`);
    expect(second.status).toBe(200);
    const ids = [...first.body.deals, ...second.body.deals].map((d: { dealId: string }) => d.dealId);
    expect(new Set(ids).size).toBe(ids.length);

    const owned = await call(stack, 'ana', 'GET', `/deals?owner=chris.lee@northwind.example&nextDeadlineBefore=2999-01-01&pageSize=100`);
    expect(owned.body.deals.map((d: { dealId: string }) => d.dealId)).toContain('list-1');
    const later = await call(stack, 'ana', 'GET', '/deals?nextDeadlineBefore=2000-01-01');
    expect(later.body.deals).toEqual([]);

    expect((await call(stack, 'pat', 'GET', '/deals?pageSize=100')).body.deals).toEqual([]);
    expect((await call(stack, 'pat', 'GET', '/deals?partner=northwind')).body.deals).toEqual([]);

    const injected = await call(stack, 'ana', 'GET', `/deals?stage=${encodeURIComponent("x' OR BatonPartner = 'contoso")}`);
    expect(injected.status).toBe(400);
    expect(injected.body.message).toMatch(/querystring\.stage: must be letters, digits/);
    const badToken = await call(stack, 'ana', 'GET', '/deals?nextPageToken=not-a-token');
    expect(badToken.status).toBe(400);
    expect(badToken.body.message).toMatch(/querystring\.nextPageToken/);
  });

  it("answers a deal action once the read model shows it: the next read of the deal, its timeline and the list see it", async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('ryw-1'))).status).toBe(201);
    const before = await call(stack, 'ana', 'GET', '/deals/ryw-1');
    expect(before.body.step.id).toBe('purchase');
    const acted = await call(stack, 'ana', 'POST', '/deals/ryw-1/actions/step.complete', { step: 'purchase' });
    expect(acted.status).toBe(200);
    const after = await call(stack, 'ana', 'GET', '/deals/ryw-1');
    expect(after.body.step.id).not.toBe('purchase');
    const timeline = await call(stack, 'ana', 'GET', '/deals/ryw-1/timeline');
    expect(timeline.body.items.map((i: { type: string }) => i.type)).toContain('step.completed');
    const listed = await call(stack, 'ana', 'GET', '/deals?q=ryw-1');
    expect(listed.body.deals.map((d: { dealId: string; step?: string }) => [d.dealId, d.step])).toEqual([['ryw-1', after.body.step.id]]);
  });

  it('lists claims with status, scoped to the partner', async () => {
    const claims = await call(stack, 'ana', 'GET', '/claims?dealId=flow-1');
    expect(claims.status).toBe(200);
    expect(claims.body.claims).toEqual(expect.any(Array));
    expect((await call(stack, 'pat', 'GET', '/claims?dealId=flow-1')).status).toBe(404);
    expect((await call(stack, 'ana', 'GET', '/claims?status=lost')).status).toBe(400);
  });

  it('counts what it observes and what the deals report on GET /metrics', async () => {
    const response = await fetch(`${stack.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^baton_api_deal_registrations_total\{outcome="created"\} [1-9]/m);
    expect(text).toMatch(/^baton_api_actions_total\{action="handoff.accept",outcome="forbidden"\} [1-9]/m);
    expect(text).toMatch(/^baton_handoffs\{state="accepted"\} [1-9]/m);
    expect(text).toMatch(/^baton_deals\{stage="[a-z-]+"\} [1-9]/m);
    expect(text).toMatch(/^baton_deadline_breaches 0$/m);
    // Dollars from the claims ledger: one gauge per state, whatever has been claimed so far.
    for (const state of ['claimed', 'accepted', 'paid', 'at_stake']) expect(text).toMatch(new RegExp(`^baton_incentive_dollars\\{state="${state}"\\} \\d`, 'm'));
  });
});
