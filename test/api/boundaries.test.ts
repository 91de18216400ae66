import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK_PATH } from '../../src/config/playbook-files';
import { tempDir } from '../support/temporal';
import { booking, batonCli, call, startApiStack, type ApiStack } from './api-stack';

/** What the API refuses at its boundary, and that a refusal registers or changes nothing. */

let stack: ApiStack;

/**
 * The playbooks folder: the default playbook and a partner's own, in which the CSS (not the AM)
 * is Responsible for Purchase, so that which playbook a deal runs under is visible in who may register it.
 */
function playbooksFolder(): string {
  const dir = tempDir('playbooks');
  copyFileSync(DEFAULT_PLAYBOOK_PATH, join(dir, 'default.yaml'));
  const partner = readFileSync(DEFAULT_PLAYBOOK_PATH, 'utf8')
    .replace(/^id: default$/m, 'id: northwind-css-led')
    .replace(/^version: 1$/m, 'version: 3')
    .replace('raci: { AM: R/A, ARCH: I, ENG: I, CSM: I, CSS: I, RM: I }', 'raci: { AM: I, ARCH: I, ENG: I, CSM: I, CSS: R/A, RM: I }');
  writeFileSync(join(dir, 'northwind-css-led.yaml'), partner);
  return dir;
}

beforeAll(async () => {
  stack = await startApiStack({ playbooksDir: playbooksFolder() });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the API boundary', () => {
  it('refuses a booking with a mistyped field: 400 naming the field, the rule and the closest name; nothing registered', async () => {
    const response = await call(stack, 'ana', 'POST', '/deals', { ...booking('typo-1'), enterpriseAgrement: true });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('body.enterpriseAgrement: unknown field; did you mean enterpriseAgreement?');
    expect(response.body.issues).toEqual([{ path: 'body.enterpriseAgrement', message: 'unknown field; did you mean enterpriseAgreement?', suggestion: 'enterpriseAgreement' }]);
    expect((await call(stack, 'ana', 'GET', '/deals/typo-1')).status).toBe(404);
  });

  it('refuses unknown fields in action bodies and unknown query parameters', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('typo-2'))).status).toBe(201);
    const action = await call(stack, 'ana', 'POST', '/deals/typo-2/actions/step.complete', { step: 'purchase', stepp: 'x' });
    expect(action.status).toBe(400);
    expect(action.body.issues).toContainEqual({ path: 'body.stepp', message: 'unknown field; did you mean step?', suggestion: 'step' });
    const list = await call(stack, 'ana', 'GET', '/deals?stagee=onboard');
    expect(list.status).toBe(400);
    expect(list.body.message).toBe('querystring.stagee: unknown field; did you mean stage?');
  });

  it('refuses an unknown programId or playbookId with a 400 listing the known ones', async () => {
    const program = await call(stack, 'ana', 'POST', '/deals', { ...booking('unknown-program'), programId: 'fy2021-lifecyle' });
    expect(program.status).toBe(400);
    expect(program.body.issues).toEqual([
      { path: 'body.programId', message: 'unknown program fy2021-lifecyle; did you mean fy2021-lifecycle? (known: cx-rebate-v1, fy2021-lifecycle)', suggestion: 'fy2021-lifecycle' },
    ]);
    const playbook = await call(stack, 'ana', 'POST', '/deals', { ...booking('unknown-playbook'), playbookId: 'partner-own' });
    expect(playbook.status).toBe(400);
    expect(playbook.body.message).toBe('body.playbookId: unknown playbook partner-own (known: default, northwind-css-led)');
    expect((await call(stack, 'ana', 'GET', '/deals/unknown-program')).status).toBe(404);
    expect((await call(stack, 'ana', 'GET', '/deals/unknown-playbook')).status).toBe(404);
  });

  it('runs a deal under the partner playbook it names, and says which playbook and program it runs under', async () => {
    expect((await call(stack, 'sam', 'POST', '/deals', booking('default-led'))).status).toBe(403);
    const registered = await call(stack, 'sam', 'POST', '/deals', { ...booking('css-led'), playbookId: 'northwind-css-led', programId: 'cx-rebate-v1' });
    expect(registered.status).toBe(201);
    expect(registered.body.deal).toMatchObject({ playbook: { id: 'northwind-css-led', version: 3 }, program: { id: 'cx-rebate-v1', version: 1 } });
    expect((await call(stack, 'ana', 'POST', '/deals', booking('default-1'))).status).toBe(201);
    expect((await call(stack, 'ana', 'GET', '/deals/default-1')).body).toMatchObject({ playbook: { id: 'default', version: 1 }, program: { id: 'fy2021-lifecycle', version: 1 } });
    // The deal's own RACI decides: under this playbook the CSS completes Purchase, the AM may not.
    expect((await call(stack, 'ana', 'POST', '/deals/css-led/actions/step.complete', { step: 'purchase' })).status).toBe(403);
  });

  it("checks usage evidence against the deal's program: unknown use cases and metrics are a 400 listing the valid ones", async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('usage-1'))).status).toBe(201);
    const before = (await call(stack, 'ana', 'GET', '/deals/usage-1/timeline')).body.items;
    const evidence = { id: 'ev-1', useCase: 'intersigth', observedOn: new Date().toISOString().slice(0, 10), source: 'telemetry', metrics: { claimedServers: 40, licensedServers: 100 } };
    const useCase = await call(stack, 'sam', 'POST', '/deals/usage-1/actions/usage.record', { evidence });
    expect(useCase.status).toBe(400);
    expect(useCase.body.issues).toHaveLength(1);
    expect(useCase.body.issues[0].path).toBe('body.evidence.useCase');
    expect(useCase.body.issues[0].message).toMatch(/^intersigth is not a use case of program fy2021-lifecycle v1 \(did you mean intersight\? known: intersight, aci-day2-ops, /);
    const metric = await call(stack, 'sam', 'POST', '/deals/usage-1/actions/usage.record', { evidence: { ...evidence, useCase: 'intersight', metrics: { claimedServer: 40, licensedServers: 100 } } });
    expect(metric.status).toBe(400);
    expect(metric.body.issues).toEqual([
      { path: 'body.evidence.metrics.claimedServer', message: expect.stringMatching(/^no rule of use case intersight in program fy2021-lifecycle v1 reads this metric \(did you mean claimedServers\? known: /) },
    ]);
    expect((await call(stack, 'ana', 'GET', '/deals/usage-1/timeline')).body.items).toEqual(before);
  });

  it('refuses a registration whose actor or registeredBy is not the caller with a 403, registering nothing', async () => {
    const forged = await call(stack, 'ana', 'POST', '/deals', { ...booking('forged-1'), actor: 'chris.lee@northwind.example' });
    expect(forged.status).toBe(403);
    expect(forged.body.message).toBe('body.actor: you register as ana.moreno@northwind.example, not chris.lee@northwind.example');
    const registeredBy = await call(stack, 'ana', 'POST', '/deals', { ...booking('forged-1'), registeredBy: 'boss@northwind.example' });
    expect(registeredBy.status).toBe(403);
    expect((await call(stack, 'ana', 'GET', '/deals/forged-1')).status).toBe(404);
    const own = await call(stack, 'ana', 'POST', '/deals', { ...booking('forged-1'), actor: 'Ana.Moreno@northwind.example', registeredBy: 'ana.moreno@northwind.example' });
    expect(own.status).toBe(201);
  });

  it('registers exactly once under 20 concurrent registrations of one deal: one created, the rest return it', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(stack, 'ana', 'POST', '/deals', booking('concurrent-1'))));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(answers.filter((a) => a.body.created === true)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.deal.runId)).size).toBe(1);
    const timeline = await call(stack, 'ana', 'GET', '/deals/concurrent-1/timeline');
    expect(timeline.body.items.filter((i: { type: string }) => i.type === 'deal.registered')).toHaveLength(1);
  });

  it('refuses an action on a closed deal with a 409 naming its state, on an unknown one with a 404; the CLI exits 1', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('closed-1'))).status).toBe(201);
    await stack.client.workflow.getHandle('deal:northwind:closed-1').terminate('the customer cancelled');
    const closed = await call(stack, 'ana', 'POST', '/deals/closed-1/actions/step.complete', { step: 'purchase' });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toBe('the deal is terminated: it takes no more actions');
    const handoff = await call(stack, 'chris', 'POST', '/deals/closed-1/handoffs/sales-to-cs/accept', {});
    expect(handoff.status).toBe(409);
    const unknown = await call(stack, 'ana', 'POST', '/deals/never-registered/actions/step.complete', { step: 'purchase' });
    expect(unknown.status).toBe(404);
    const cli = await batonCli(stack, ['deal', 'act', 'closed-1', 'step.complete', '--payload', '{"step":"purchase"}'], { as: 'ana' });
    expect(cli).toMatchObject({ code: 1, stderr: 'baton deal act: 409 conflict: the deal is terminated: it takes no more actions\n' });
    expect((await batonCli(stack, ['deal', 'show', 'never-registered'], { as: 'ana' })).code).toBe(1);
  });

  it('baton deal register with a mistyped booking exits 2 naming the field and the closest known one', async () => {
    const file = join(tempDir('cli'), 'booking.json');
    writeFileSync(file, JSON.stringify({ ...booking('cli-typo'), enterpriseAgrement: true }));
    const result = await batonCli(stack, ['deal', 'register', file], { as: 'ana' });
    expect(result).toMatchObject({ code: 2, stderr: 'baton deal register: 400 invalid_request: body.enterpriseAgrement: unknown field; did you mean enterpriseAgreement?\n' });
  });

  it('baton deal show says which playbook and program the deal runs under', async () => {
    const shown = await batonCli(stack, ['deal', 'show', 'default-1'], { as: 'ana' });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Runs under playbook default v1, program fy2021-lifecycle v1');
  });
});
