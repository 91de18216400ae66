import { addDays } from '../src/domain/calendar';
import type { Playbook } from '../src/domain/playbook/schema';
import { connectDatabase, ensureDatabaseExists, type Db } from '../src/db/connect';
import { withDatabaseName } from '../src/db/database-url';
import { migrateToLatest } from '../src/db/migrate';
import { forecastRows } from '../src/db/read-model/forecast-rows';
import { readModelRow } from '../src/db/read-model/project-deal';
import { forecastPortfolio } from '../src/forecast/forecast';
import { horizonEnd } from '../src/forecast/horizon';
import type { Program } from '../src/incentives/program-schema';
import { DealFacts } from '../src/incentives/facts-schema';
import { benchDeal, benchPartner } from './deal-fixture';
import { say } from './progress';

export interface ForecastResult {
  deals: number;
  horizon: string;
  windows: number;
  /** Best of the rounds: reading the rows the forecast reads, with nothing computed. */
  readSeconds: number;
  /** Best of the rounds: the same read, then the forecast of every window. */
  forecastSeconds: number;
  rounds: number;
}

const AS_OF = '2026-06-30';
const HORIZON = 'P18M';
const ROUNDS = 3;
const BATCH = 500;

/**
 * A portfolio spread over the 18 months before the forecast's day: each deal the bench's
 * example booking, every fourth with its success plan in, every third with Intersight telemetry.
 */
function portfolioRow(i: number, program: Program) {
  const bookedOn = addDays(AS_OF, -(i % 540));
  const deal = benchDeal(`forecast-${i}`, bookedOn);
  const facts = DealFacts.parse({
    ...(i % 4 === 0 ? { successPlan: { submittedOn: addDays(bookedOn, 30), reference: `PLAN-${i}` } } : {}),
    ...(i % 3 === 0 ? { usage: [{ id: `ev-${i}`, useCase: 'intersight', observedOn: addDays(bookedOn, 20), source: 'telemetry', metrics: { licensedServers: 100, claimedServers: 40 } }] } : {}),
  });
  return readModelRow({
    workflowId: `deal:${deal.partnerId}:${deal.id}`,
    seq: 1,
    partnerId: deal.partnerId,
    dealId: deal.id,
    customerName: deal.customer.name,
    architecture: deal.architecture,
    dealValueUsd: 640_000,
    openTaskOwners: [],
    nextDeadlineAt: null,
    atStakeUsd: 0,
    health: null,
    closed: false,
    runId: `forecast-run-${i}`,
    playbook: { id: 'default', version: 1 },
    program: { id: program.id, version: program.version },
    view: {
      dealId: deal.id,
      partnerId: deal.partnerId,
      position: { stage: { id: 'adopt', name: 'Adopt' }, step: { id: 'use', name: 'Use' }, completed: false },
      team: deal.team,
      openHandoffs: [],
      deadlines: [],
      escalations: [],
      claims: [],
      ineligibleClaims: [],
      timeline: [],
      now: `${AS_OF}T12:00:00.000Z`,
      timeShiftMs: 0,
    },
    booking: { deal, partner: benchPartner, program: { id: program.id, version: program.version }, facts, capStatus: {} },
  });
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/**
 * `baton forecast` over `deals` open deals and 18 months, against the plain read of the same
 * rows (the same columns, nothing computed), both in this run on a database of their own.
 */
export async function measureForecast(deals: number, program: Program, playbook: Playbook): Promise<ForecastResult> {
  const url = process.env.BATON_DATABASE_URL;
  if (!url) throw new Error('the forecast bench needs BATON_DATABASE_URL (set by the bench database)');
  const name = `baton_forecast_${Date.now()}`;
  await ensureDatabaseExists(url, name);
  const db: Db = await connectDatabase(withDatabaseName(url, name));
  try {
    await migrateToLatest(db);
    for (let from = 0; from < deals; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, deals - from) }, (_, k) => portfolioRow(from + k, program));
      await db.insertInto('deal_read_model').values(rows).execute();
    }
    say(`forecast: ${deals} deals seeded`);
    const rules = () => ({ program, ladder: playbook.escalation });
    const question = { asOf: AS_OF, until: horizonEnd(AS_OF, HORIZON)!, by: 'quarter' as const, whatIfs: [] };
    let readSeconds = Infinity;
    let forecastSeconds = Infinity;
    let windows = 0;
    for (let round = 0; round < ROUNDS; round++) {
      readSeconds = Math.min(readSeconds, await seconds(() => forecastRows(db)));
      forecastSeconds = Math.min(
        forecastSeconds,
        await seconds(async () => {
          windows = forecastPortfolio(await forecastRows(db), rules, question).windows.length;
        }),
      );
    }
    return { deals, horizon: HORIZON, windows, readSeconds, forecastSeconds, rounds: ROUNDS };
  } finally {
    await db.destroy();
  }
}
