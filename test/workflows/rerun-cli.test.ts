import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { defaultPlaybook } from '../../src/config/playbook-files';
import { loadProgram } from '../../src/config/program-files';
import { readInputFile } from '../../src/cli/input-files';
import type { RerunReport } from '../../src/cli/rerun-table';
import { Deal } from '../../src/domain/schemas/deal';
import { Partner } from '../../src/domain/schemas/partner';
import { LogNotifier } from '../../src/notify/log-notifier';
import { createLogger } from '../../src/observability/logger';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { DEAL_WORKFLOW_TYPE } from '../../src/temporal/deal-visibility';
import type { DealWorkflowInput } from '../../workflows/deal-messages';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { startTestDevServer, tempDir, workflowBundle } from '../support/temporal';
import { readModelSinks } from '../../src/temporal/read-model-sinks';
import { ReadModelWriter } from '../../src/db/read-model/read-model-writer';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const taskQueue = 'baton';

let server: RunningDevServer;
let connection: Connection;
let client: Client;
let workerConnection: NativeConnection;
let worker: Worker;
let workerRun: Promise<void>;
let database: TestDatabase;

async function baton(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, BATON_DATABASE_URL: database.url };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function registerDeal(deal: Deal, partner: Partner): Promise<void> {
  const input: DealWorkflowInput = { deal, partner, playbook: await defaultPlaybook(), program: await loadProgram('fy2021-lifecycle'), registeredBy: 'ops@vendor.example', bookAtStart: true };
  await client.workflow.start(DEAL_WORKFLOW_TYPE, { workflowId: dealWorkflowId(deal.partnerId, deal.id), taskQueue, args: [input] });
}

beforeAll(async () => {
  server = await startTestDevServer();
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
  workerConnection = await NativeConnection.connect({ address: server.address });
  database = await createTestDatabase();
  const activities = createActivities({
    publicUrl: 'http://127.0.0.1:3000',
    notifier: new LogNotifier(createLogger('silent')),
    claims: new OutboxClaimsGateway({ dataDir: tempDir('rerun-outbox') }),
    db: database.db,
    client,
  });
  worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: workflowBundle(), activities, sinks: readModelSinks(new ReadModelWriter({ db: database.db, logger: createLogger('silent') })) });
  workerRun = worker.run();
  const deal = await readInputFile('examples/deal.yaml', Deal, 'deal');
  const partner = await readInputFile('examples/partner.yaml', Partner, 'partner');
  await registerDeal(deal, partner);
  await registerDeal({ ...deal, id: 'other-deal', partnerId: 'other-partner' }, { ...partner, id: 'other-partner' });
  // The rerun reads the deals' read-model rows, which their first workflow task writes.
  await vi.waitFor(async () => expect(await database.db.selectFrom('deal_read_model').select('workflow_id').where('booking', 'is not', null).execute()).toHaveLength(2), { timeout: 30_000, interval: 200 });
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await workerConnection?.close();
  await connection?.close();
  await server?.stop();
  await database?.close();
});

describe('baton rerun against recorded deals, read from the read model', () => {
  it('compares a partner\'s deals under their own program and the what-if one, as JSON', async () => {
    const { code, stdout, stderr } = await baton('rerun', '--program', 'cx-rebate-v1', '--partner', 'northwind', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RerunReport;
    expect(report.deals.map((d) => d.dealId)).toEqual(['acme-dc-2021']);
    const [deal] = report.deals;
    expect(deal).toMatchObject({ partnerId: 'northwind', asOf: '2021-01-15', own: { id: 'fy2021-lifecycle', version: 1 }, whatIf: { id: 'cx-rebate-v1', version: 1 } });
    expect(deal!.lines.find((l) => l.milestone === 'adopt:success-plan')).toMatchObject({ own: { eligible: false, reasonCode: 'not-yet-evidenced' } });
    expect(deal!.lines.find((l) => l.milestone === 'adopt:success-plan')!.whatIf).toBeUndefined();
    expect(deal!.lines.find((l) => l.milestone === 'rebate:sustained-usage')).toMatchObject({ whatIf: { eligible: false } });
    expect(deal!.lines.find((l) => l.milestone === 'rebate:sustained-usage')!.own).toBeUndefined();
  });

  it('prints every matching deal side by side with totals', async () => {
    const { code, stdout } = await baton('rerun', '--program', 'fy2021-lifecycle');
    expect(code).toBe(0);
    expect(stdout).toContain('Deal acme-dc-2021 (partner northwind), as of 2021-01-15');
    expect(stdout).toContain('Deal other-deal (partner other-partner)');
    expect(stdout).toMatch(/milestone\s+own: fy2021-lifecycle v1\s+what-if: fy2021-lifecycle v1\s+difference/);
    expect(stdout).toContain('All 2 deal(s): own programs $0, under fy2021-lifecycle v1 $0, difference $0');
  });

  it('refuses an unknown program with exit code 2', async () => {
    const { code, stderr } = await baton('rerun', '--program', 'no-such-program');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^baton rerun: no program "no-such-program"/);
  });
});
