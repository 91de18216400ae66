import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { awaitDealRow } from '../../src/api/await-projection';
import { CONSOLE_DIST } from '../../src/api/console';
import { apiDependencies } from '../../src/api/dependencies';
import { buildApi } from '../../src/api/server';
import { hashToken } from '../../src/auth/tokens-file';
import { connectDatabase, type Db } from '../../src/db/connect';
import { importConfigFiles } from '../../src/db/import-config';
import { migrateToLatest } from '../../src/db/migrate';
import type { Playbook } from '../../src/domain/playbook/schema';
import type { Program } from '../../src/incentives/program-schema';
import { createLogger } from '../../src/observability/logger';
import type { TemporalCliSource } from '../../src/platform/temporal-cli';
import { registerDeal } from '../../src/temporal/deal-client';
import { snapshotQuery } from '../../workflows/deal-messages';
import { benchNamespace, startBenchServer } from '../bench-server';
import { accountManager, benchDeal, benchPartner } from '../deal-fixture';
import { freePort } from '../free-port';
import { say } from '../progress';
import { startWorkerProcess } from '../worker-child';
import { launchChromium, measureFirstRender, type FirstRender } from './first-render';
import { measureProjectionLag, type ProjectionLagResult } from './projection-lag';
import { measureRoute, type RouteLatency } from './route-latency';
import { seedReadModel } from './seed-rows';

export interface ReadModelSizes {
  small: number;
  large: number;
  /** Deals the inbox person holds an open task on, at either size. */
  inboxDeals: number;
  routeSamples: number;
  renderLoads: number;
  lagDeals: number;
  lagActions: number;
}

export interface ReadModelAtSize {
  deals: number;
  routes: RouteLatency[];
  firstRender: FirstRender[];
}

export interface ReadModelResult {
  sizes: ReadModelSizes;
  small: ReadModelAtSize;
  large: ReadModelAtSize;
  projectionLag: ProjectionLagResult;
}

export interface ReadModelContext {
  cli: TemporalCliSource;
  bundlePath: string;
  workDir: string;
  playbook: Playbook;
  program: Program;
}

const taskQueue = 'bench-read-model';
export const READ_ROUTES = ['/deals?pageSize=25', '/inbox', '/metrics'] as const;

/** A token for the bench deal's CSM (the inbox person), imported as `npm start` imports the tokens file. */
async function csmToken(db: Db, dir: string): Promise<string> {
  const csm = benchDeal('token').team.CSM![0]!;
  const secret = `bench-${randomUUID()}`;
  const file = join(dir, 'bench-tokens.json');
  writeFileSync(file, JSON.stringify({ tokens: [{ tokenSha256: hashToken(secret), person: csm, partnerId: benchPartner.id, roles: ['CSM'] }] }));
  await importConfigFiles(db, { tokensFile: file, partnersDir: 'config/partners' });
  return secret;
}

/**
 * The read side at two sizes of the read model: a handful of live deals on a dev server and
 * worker give the template snapshot and the projection lag; the rest are seeded through the
 * projection's own upsert from that snapshot. Then the API (in this process, the console built)
 * and Chromium read it at `small` and again at `large` deals. The rows are removed at the end, so
 * the other phases sharing the bench database start from an empty read model.
 */
export async function measureReadModel(ctx: ReadModelContext, sizes: ReadModelSizes): Promise<ReadModelResult> {
  const dir = join(ctx.workDir, 'read-model');
  const server = await startBenchServer(ctx.cli, dir);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: benchNamespace });
  const db = await connectDatabase(process.env.BATON_DATABASE_URL!);
  const worker = await startWorkerProcess({ address: server.address, namespace: benchNamespace, taskQueue, bundlePath: ctx.bundlePath, dataDir: join(dir, 'claims') });
  const browser = await launchChromium();
  let api: Awaited<ReturnType<typeof buildApi>> | undefined;
  try {
    await migrateToLatest(db);
    say(`read model: registering ${sizes.lagDeals} live deals`);
    const live: string[] = [];
    for (let i = 0; i < sizes.lagDeals; i++) {
      const deal = benchDeal(`read-model-live-${i}`);
      const { workflowId } = await registerDeal(client, { deal, partner: benchPartner, playbook: ctx.playbook, program: ctx.program, registeredBy: accountManager(deal), taskQueue });
      if (!(await awaitDealRow(db, workflowId, () => true, 30_000))) throw new Error(`deal ${workflowId} never reached the read model`);
      live.push(workflowId);
    }
    // The one query of the phase: the template every seeded row is made from.
    const template = await client.workflow.getHandle(live[0]!).query(snapshotQuery);
    const token = await csmToken(db, dir);
    const deps = await apiDependencies(
      { BATON_PLAYBOOKS_DIR: 'config/playbooks', BATON_TASK_QUEUE: taskQueue, BATON_TOKENS_FILE: join(dir, 'bench-tokens.json'), BATON_DEV_LOGIN: false, TEMPORAL_ADDRESS: undefined, BATON_PUBLIC_URL: undefined },
      client,
      db,
      createLogger('silent'),
      undefined,
      fileURLToPath(CONSOLE_DIST),
    );
    api = await buildApi(deps);
    const port = await freePort();
    await api.listen({ host: '127.0.0.1', port });
    const url = `http://127.0.0.1:${port}`;

    const atSize = async (deals: number): Promise<ReadModelAtSize> => {
      // As autovacuum would after a bulk load: the planner knows the table's size.
      await sql`ANALYZE deal_read_model`.execute(db);
      say(`read model: reading at ${deals.toLocaleString('en-US')} deals`);
      const routes: RouteLatency[] = [];
      for (const route of READ_ROUTES) routes.push(await measureRoute(url, token, route, sizes.routeSamples));
      return { deals, routes, firstRender: await measureFirstRender(browser, url, token, sizes.renderLoads) };
    };
    say(`read model: seeding ${sizes.small.toLocaleString('en-US')} deals`);
    await seedReadModel(db, template, 0, sizes.small - live.length, sizes.inboxDeals);
    const small = await atSize(sizes.small);
    say(`read model: seeding up to ${sizes.large.toLocaleString('en-US')} deals`);
    await seedReadModel(db, template, sizes.small - live.length, sizes.large - live.length, sizes.inboxDeals);
    const large = await atSize(sizes.large);
    say(`read model: projection lag, ${sizes.lagActions} actions on each of ${live.length} live deals`);
    const projectionLag = await measureProjectionLag(client, db, ctx.playbook, live, sizes.lagActions);
    return { sizes, small, large, projectionLag };
  } finally {
    await api?.close();
    await browser.close();
    await worker.stop();
    await db.deleteFrom('deal_read_model').execute();
    await db.deleteFrom('handoff_read_model').execute();
    await db.destroy();
    await connection.close();
    await server.stop();
  }
}
