import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temporal';
import { batonCli, booking, call, startApiStack, type ApiStack } from './api-stack';


let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack();
  for (const id of ['health-one', 'health-two']) expect((await call(stack, 'ana', 'POST', '/deals', booking(id))).status).toBe(201);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const timelineOf = async (dealId: string) => (await call(stack, 'ana', 'GET', `/deals/${dealId}/timeline`)).body.items as { type: string; summary: string }[];

describe('health.observe over the API', () => {
  it('scores the raw reading, answers with the breakdown and risk, and records it with its trend on the timeline', async () => {
    const first = await call(stack, 'chris', 'POST', '/deals/health-one/health', {
      telemetry: { licensedUsers: 3000, activeUsers: 2954, currentVersionShare: 0.9, featuresActivated: 7, valueIndex: [4, 4] },
      scorecard: { 'stakeholders-identified': 'yes', 'business-objective': 'in-progress', 'prior-product-removed': 'no' },
    });
    expect(first.status).toBe(200);
    // Objective 9.6; scorecard (10 + 5 + 1 + 7 missing fields at 1) / 10 = 2.3: 0.8 x 9.6 + 0.2 x 2.3 = 8.14.
    expect(first.body).toMatchObject({ dealId: 'health-one', score: 8.14, objective: 9.6, subjective: 2.3, renewalRisk: { level: 'Low', utilisation: 0.98 } });
    expect(first.body.missing).toHaveLength(7);
    const second = await call(stack, 'chris', 'POST', '/deals/health-one/health', { telemetry: { licensedUsers: 85, activeUsers: 0 } });
    expect(second.body.renewalRisk).toEqual({ level: 'High', utilisation: 0 });
    await expect.poll(async () => (await timelineOf('health-one')).filter((e) => e.type === 'health.observed').map((e) => e.summary), { timeout: 10_000 }).toEqual([
      'Health observed: score 8.14, utilisation 0.98, renewal risk Low',
      'Health observed: score 1 (-7.14), utilisation 0, renewal risk High',
    ]);
  });

  it('refuses an unknown field, a scorecard typo and a missing deal, and records nothing', async () => {
    const unknown = await call(stack, 'chris', 'POST', '/deals/health-two/health', { telemetry: { licensedUser: 3 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/licensedUser.*licensedUsers/);
    const typo = await call(stack, 'chris', 'POST', '/deals/health-two/health', { scorecard: { 'kpi-measure': 'yes' } });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toContain('did you mean kpi-measured?');
    const more = await call(stack, 'chris', 'POST', '/deals/health-two/health', { telemetry: { licensedUsers: 3, activeUsers: 4 } });
    expect(more.status).toBe(400);
    const missing = await call(stack, 'chris', 'POST', '/deals/no-such-deal/health', { telemetry: { licensedUsers: 3, activeUsers: 1 } });
    expect(missing.status).toBe(404);
    expect((await timelineOf('health-two')).filter((e) => e.type === 'health.observed')).toEqual([]);
  });

  it('POST /telemetry observes many deals at once and lists the ones it could not', async () => {
    const batch = await call(stack, 'ana', 'POST', '/telemetry', {
      readings: [
        { dealId: 'health-two', telemetry: { licensedUsers: 3000, activeUsers: 1087 } },
        { dealId: 'gone', telemetry: { licensedUsers: 1, activeUsers: 1 } },
        { dealId: 'health-one', telemetry: { licensedUsers: 85, activeUsers: 72 } },
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.observed.map((a: { dealId: string; renewalRisk: { level: string } }) => [a.dealId, a.renewalRisk.level])).toEqual([
      ['health-two', 'Medium'],
      ['health-one', 'Low'],
    ]);
    expect(batch.body.refused).toEqual([{ dealId: 'gone', reason: expect.stringContaining('no deal gone') }]);
  });

  it('`baton health observe` sends a reading file and prints the breakdown', async () => {
    const file = path.join(tempDir('health-cli'), 'reading.yaml');
    await writeFile(file, 'telemetry: { licensedUsers: 85, activeUsers: 72, currentVersionShare: 0.6, featuresActivated: 4, valueIndex: [3, 2] }\n');
    const { stdout } = await batonCli(stack, ['health', 'observe', '--deal', 'health-two', '--reading', file], { as: 'chris' });
    expect(stdout).toMatch(/^Deal health-two: health 5\.68 \(objective 6\.85, scorecard 1\.00\); renewal risk Low \(85% of licences active\)/);
    expect(stdout).toMatch(/licence-ratio\s+7/);
  }, 60_000);
});
