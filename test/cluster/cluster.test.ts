import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { batonDatabaseOn } from '../../src/platform/cluster/baton-database';
import { startBatonTopology, type BatonTopology } from '../../src/platform/cluster/baton-topology';
import { freePorts } from '../../src/platform/cluster/free-ports';
import { startTemporalCluster, type TemporalCluster } from '../../src/platform/cluster/temporal-cluster';
import { freeTemporalServerPorts } from '../../src/platform/cluster/temporal-server-ports';
import { resolveTemporalServer } from '../../src/platform/temporal-server';
import { getDealView } from '../../src/temporal/deal-client';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { startClaimsSink, type ClaimsSink } from '../adapters/support/claims-sink';
import { startSmtpSink, type SmtpSink } from '../adapters/support/smtp-sink';
import { workflowTaskFailures } from '../faults/support/deal-checks';
import { expectedClaimKey, partner } from '../faults/support/fault-deals';
import { tempDir, workflowBundle } from '../support/temporal';
import { ApiPool } from './support/api-pool';
import { walkJourney, type JourneyRecord } from './support/api-journey';
import { writeClusterConfig } from './support/cluster-config';

/**
 * The production topology of docker-compose.yml, run for real on loopback: the Temporal server
 * (not the dev server) on PostgreSQL with SQL visibility and Baton's search attributes, three
 * Baton workers and two API instances on one task queue. Deals are driven through the API while a
 * worker and an API instance are SIGKILLed; nothing may be lost: every deal registered once, every
 * journey complete, each claim stored once at the claims sink, each notification mailed at most once.
 */

const DEALS = 6;
const runTag = Date.now().toString(36);
const deals = Array.from({ length: DEALS }, (_, i) => ({ dealId: `cluster-${runTag}-${i}`, accept: i % 3 !== 2 }));

let cluster: TemporalCluster;
let topology: BatonTopology;
let claims: ClaimsSink;
let smtp: SmtpSink;
let api: ApiPool;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  const cli = inject('temporalCli');
  if (cli.kind !== 'path') throw new Error('the cluster test needs the provisioned Temporal CLI (go install), not the SDK download');
  const binaries = await resolveTemporalServer((line) => console.log(`[cluster] ${line}`));
  const dir = tempDir('cluster');
  const [postgresPort] = (await freePorts(1)) as [number];
  cluster = await startTemporalCluster({ binaries, temporalCli: cli.path, dataDir: dir, namespace: 'default', postgresPort, ports: await freeTemporalServerPorts(), log: () => {} });
  [claims, smtp] = await Promise.all([startClaimsSink(), startSmtpSink()]);
  const config = writeClusterConfig(dir);
  topology = await startBatonTopology({
    temporalAddress: cluster.address,
    namespace: cluster.namespace,
    taskQueue: 'baton',
    dataDir: `${dir}/baton-data`,
    databaseUrl: await batonDatabaseOn(cluster.postgres, config),
    workflowBundlePath: workflowBundle().codePath,
    tokensFile: config.tokensFile,
    partnersDir: config.partnersDir,
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    claimsEndpoint: claims.url,
    workers: 3,
    apis: 2,
  });
  api = new ApiPool(topology.apis.map((a) => a.url), config.secrets, 90_000);
  connection = await Connection.connect({ address: cluster.address });
  client = new Client({ connection, namespace: cluster.namespace });
}, 300_000);

afterAll(async () => {
  await topology?.stop();
  await connection?.close();
  await cluster?.stop();
  await claims?.close();
  await smtp?.close();
});

/** A failure shows what every process of the topology printed last. */
async function explained<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const outputs = [...topology.workers, ...topology.apis.map((a) => a.process)].map((p) => p.output().slice(-4000));
    throw new Error(`${String(err)}\n${outputs.join('\n')}\n[temporal] ${cluster.server.output().slice(-4000)}`, { cause: err });
  }
}

describe('the docker-compose topology: Temporal server on PostgreSQL, three workers, two API instances', () => {
  it('loses nothing when a worker and an API instance are SIGKILLed mid-journey', async () => {
    const [doomedWorker] = topology.workers;
    const doomedApi = topology.apis[0]!.process;
    // The first claim to reach the sink is stored, and before it is answered a worker and an API
    // instance die, with the other deals' requests in flight on both.
    let killed: Promise<void> | undefined;
    claims.beforeAnswer = async () => {
      killed ??= Promise.all([doomedWorker!.kill(), doomedApi.kill()]).then(() => {});
      await killed;
    };

    const records: JourneyRecord[] = await explained(() => Promise.all(deals.map((d) => walkJourney(api, d))));
    expect(killed, 'the kills happened mid-journey').toBeDefined();
    expect(doomedWorker!.running).toBe(false);
    expect(doomedApi.running).toBe(false);

    // Every journey's end: the plan submitted once and its claim submitted, handoffs accepted or open.
    const views = await explained(() => Promise.all(deals.map((d) => settledView(d.dealId))));
    for (const [i, view] of views.entries()) {
      const { dealId, accept } = deals[i]!;
      const types = view.timeline.map((e) => e.type);
      expect(types.filter((t) => t === 'deal.registered'), dealId).toHaveLength(1);
      expect(types.filter((t) => t === 'successPlan.submitted'), dealId).toHaveLength(1);
      expect(view.timeline.filter((e) => e.type === 'claim.submitted').map((e) => e.idempotencyKey), dealId).toEqual([expectedClaimKey(dealId)]);
      expect(view.openHandoffs.map((h) => h.templateId), dealId).toEqual(accept ? [] : ['sales-to-cs']);
      expect(types.filter((t) => t === 'handoff.accepted'), dealId).toHaveLength(accept ? 1 : 0);
      expect(await workflowTaskFailures(client, dealWorkflowId(partner.id, dealId))).toEqual([]);
    }

    // Registered once: one run per deal in SQL visibility, and exactly one answer said created.
    for (const { dealId } of deals) {
      const runs = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = '${dealWorkflowId(partner.id, dealId)}'` })) runs.push(run);
      expect(runs, dealId).toHaveLength(1);
    }
    for (const record of records) expect(record.registrations.filter(Boolean).length, record.dealId).toBeLessThanOrEqual(1);

    // Baton's search attributes work on SQL visibility: the API lists the deals by stage.
    await expect
      .poll(async () => (await api.call('ana', 'GET', '/deals?stage=onboard&pageSize=100')).body.deals?.map((d: { dealId: string }) => d.dealId).sort(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(deals.map((d) => d.dealId)));

    // The claims sink: one stored claim per deal; the mid-claim crash may have made a worker post again.
    expect([...claims.stored.keys()].sort()).toEqual(deals.map((d) => expectedClaimKey(d.dealId)).sort());
    // The SMTP sink: mail arrived, and no notification key more than once.
    const keys = smtp.messages.map((m) => m.headers.get('x-baton-idempotency-key'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every(Boolean)).toBe(true);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(repeated).toEqual([]);
    console.log(
      `[cluster] ${DEALS} deals, ${records.reduce((n, r) => n + r.actions, 0)} actions through 2 API instances (${api.retries} failed over), ` +
        `${claims.requests.length} claim POSTs for ${claims.stored.size} claims, ${smtp.messages.length} mails`,
    );
  }, 300_000);
});

/** The deal's view once its claim is submitted (the claim caught by the kill is retried first). */
async function settledView(dealId: string) {
  const giveUpAt = Date.now() + 120_000;
  for (;;) {
    const view = await getDealView(client, { partnerId: partner.id, dealId });
    if (view.timeline.some((e) => e.type === 'claim.submitted')) return view;
    if (Date.now() > giveUpAt) throw new Error(`deal ${dealId}: no claim.submitted within 120 s; timeline ${view.timeline.map((e) => e.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
