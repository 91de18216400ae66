import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { booking, call, startApiStack, type ApiStack, type PersonKey } from './api-stack';

let stack: ApiStack;
let db: Db;

beforeAll(async () => {
  stack = await startApiStack();
  // The stack's own connection: tests read and change rows directly.
  db = stack.db;
});
afterAll(async () => {
  await stack?.stop();
});

const historyLength = async (workflowId: string): Promise<number> => (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0;

/**
 * 200 actions at once on one deal, through the real API on a dev server. The API asks the deal
 * nothing before the update (no query), the update's validator decides, and a refusal is counted
 * in PostgreSQL rather than signalled into the deal: so no 500, one success, every other answer a
 * refusal with its reason, and the deal's history grows by the one accepted action only. On a
 * loaded machine an action may be answered busy (503, nothing applied) and is sent again.
 */
it('200 concurrent actions on one deal: no 500, exactly one success, the rest refused with reasons, the history barely grows', async () => {
  expect((await call(stack, 'ana', 'POST', '/deals', booking('crowd-1'))).status).toBe(201);
  const workflowId = dealWorkflowId('northwind', 'crowd-1');
  // The deal settles after registration (its handoff starts, its read model is written).
  let before = await historyLength(workflowId);
  await expect.poll(async () => [before, (before = await historyLength(workflowId))][0], { timeout: 15_000, interval: 1_000 }).toBe(before);

  const attempts: { who: PersonKey; path: string; body: unknown }[] = [
    // The Account Manager may complete Purchase, once: the first to land wins, the rest find it done.
    ...Array.from({ length: 150 }, () => ({ who: 'ana' as const, path: '/deals/crowd-1/actions/step.complete', body: { step: 'purchase' } })),
    // The CS Specialist is not R or A of Purchase: 403 from the deal's own validator.
    ...Array.from({ length: 30 }, () => ({ who: 'sam' as const, path: '/deals/crowd-1/actions/step.complete', body: { step: 'purchase' } })),
    // Ticking a checklist item that does not exist: refused by the handoff's validator.
    ...Array.from({ length: 20 }, () => ({ who: 'chris' as const, path: '/deals/crowd-1/handoffs/sales-to-cs/tick', body: { itemId: 'no-such-item' } })),
  ];
  const answers = await Promise.all(attempts.map((a) => call(stack, a.who, 'POST', a.path, a.body)));
  // An action still waiting for the deal after 30 s (a loaded machine: the server holds a few
  // updates per workflow at once) is answered 503 busy, with retry-after: nothing was applied, and
  // the person sends it again. Only that answer is sent again here; any other 5xx fails below.
  const busy = (a: Awaited<ReturnType<typeof call>>): boolean => a.status === 503 && a.body?.error === 'unavailable' && /the deal cannot answer now/.test(a.body?.message);
  const busyAtFirst = answers.filter(busy).length;
  for (let round = 0; round < 5 && answers.some(busy); round++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await Promise.all(answers.map(async (a, i) => {
      if (busy(a)) answers[i] = await call(stack, attempts[i]!.who, 'POST', attempts[i]!.path, attempts[i]!.body);
    }));
  }
  const statuses = answers.map((a) => a.status);

  // On failure, say why each 5xx happened: the API logs the error of every 500.
  const failures = stack.logs.filter((line) => line.includes('request failed')).map((line) => (JSON.parse(line) as { err?: { type?: string; message?: string } }).err);
  expect({ fiveHundreds: statuses.filter((s) => s >= 500).length, failures: [...new Set(failures.map((e) => `${e?.type}: ${e?.message}`))] }).toEqual({ fiveHundreds: 0, failures: [] });
  const completions = answers.slice(0, 150);
  expect(completions.filter((a) => a.status === 200)).toHaveLength(1);
  const refused = completions.filter((a) => a.status === 409);
  expect(refused).toHaveLength(149);
  for (const a of refused) expect(a.body.message).toMatch(/purchase|Purchase/);
  for (const a of answers.slice(150, 180)) expect({ status: a.status, message: a.body.message }).toEqual({ status: 403, message: expect.stringMatching(/sam\.ito@northwind\.example is not Responsible or Accountable/) });
  for (const a of answers.slice(180)) expect({ status: a.status, message: a.body.message }).toEqual({ status: 409, message: expect.stringMatching(/has no item "no-such-item"/) });

  // One accepted action: its update, its effects' activities and tasks; the 199 refusals wrote nothing.
  const growth = (await historyLength(workflowId)) - before;
  console.log(`[concurrent] 200 actions on one deal: ${statuses.filter((x) => x === 200).length}x200 ${statuses.filter((x) => x === 403).length}x403 ${statuses.filter((x) => x === 409).length}x409; history ${before} -> ${before + growth} events; ${busyAtFirst} answered busy at first and sent again`);
  expect(growth).toBeGreaterThan(0);
  expect(growth).toBeLessThan(40);

  // Counted, not each recorded: one row per distinct refusal, with how often.
  const rows = await sql<{ action: string; actor: string; count: number }>`
    SELECT action, actor, count FROM deal_refusals WHERE workflow_id = ${workflowId} ORDER BY action, actor`.execute(db);
  expect(rows.rows.map((r) => [r.action, r.actor, Number(r.count)])).toEqual([
    ['handoff.tick', 'chris.lee@northwind.example', 20],
    ['step.complete', 'ana.moreno@northwind.example', 149],
  ]);
  const timeline = await call(stack, 'ana', 'GET', '/deals/crowd-1/timeline');
  const shown = timeline.body.items.filter((i: { type: string }) => i.type === 'action.refused');
  const summarized = shown.map((i: { actor: string; details: { count: number }; reason: string }) => [i.actor, i.details.count, i.reason.length > 0]);
  // Ordered by when each was last refused, which the race decides.
  expect(summarized).toHaveLength(2);
  expect(summarized).toEqual(
    expect.arrayContaining([
      ['chris.lee@northwind.example', 20, true],
      ['ana.moreno@northwind.example', 149, true],
    ]),
  );
}, 180_000);
