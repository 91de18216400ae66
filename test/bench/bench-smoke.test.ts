import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temporal';

const run = promisify(execFile);

const figureIds = [
  'throughput',
  'throughput.fixCost',
  'latency.fixCost.p95',
  'latency.p50',
  'latency.p95',
  'latency.p99',
  'scale.startSeconds',
  'scale.settledSeconds',
  'scale.serverRss',
  'scale.workerRss',
  'scale.timers.p99',
  'scale.timers.max',
  'workerMemory.heapPerWorkflow',
  'workerMemory.rssPerWorkflow',
  'history.eventsPerJourney',
  'profile.startEventBytes',
  'profile.historyBytes',
  'profile.replayMs',
  'simulation.wallSeconds',
  'forecast.seconds',
  'readModel.deals.p95',
  'readModel.inbox.p95',
  'readModel.metrics.p95',
  'readModel.projectionLag.p95',
  'console.firstRender.myWork',
  'console.firstRender.deals',
  'console.firstRender.board',
];

describe('npm run bench -- --quick', () => {
  it('measures every figure with its baseline and ratio, and writes them as JSON', { timeout: 600_000 }, async () => {
    const results = tempDir('bench');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/main.ts', '--quick', '--json', '--results', results], { maxBuffer: 16 * 2 ** 20 });
    const printed = JSON.parse(stdout);
    const written = JSON.parse(readFileSync(join(results, 'latest.json'), 'utf8'));
    expect(written).toEqual(printed);

    expect(written.figures.map((f: { id: string }) => f.id)).toEqual(figureIds);
    for (const figure of written.figures) {
      expect({ id: figure.id, baton: figure.baton, baseline: figure.baseline, ratio: figure.ratio }).toEqual({
        id: figure.id,
        baton: expect.any(Number),
        baseline: expect.any(Number),
        ratio: expect.any(Number),
      });
      expect(Number.isFinite(figure.ratio) && figure.baton >= 0 && figure.baseline > 0, figure.id).toBe(true);
    }
    expect(written.figures.filter((f: { goal?: string }) => f.goal).map((f: { id: string; met: unknown }) => [f.id, typeof f.met])).toEqual([
      ['throughput', 'boolean'],
      ['latency.p95', 'boolean'],
      ['scale.timers.max', 'boolean'],
      ['history.eventsPerJourney', 'boolean'],
      ['forecast.seconds', 'boolean'],
      ['readModel.deals.p95', 'boolean'],
      ['readModel.inbox.p95', 'boolean'],
      ['readModel.metrics.p95', 'boolean'],
      ['console.firstRender.myWork', 'boolean'],
      ['console.firstRender.deals', 'boolean'],
      ['console.firstRender.board', 'boolean'],
    ]);
    // The timer window ran on both sides: timers fell due in it, each acted on in time.
    for (const side of ['baton', 'baseline'] as const) {
      const timers = written.details.core.scale[side].timers;
      expect(timers.timedWorkflows, side).toBe(5);
      expect(timers.due, side).toBeGreaterThan(0);
      expect(timers.withinBound, side).toBe(timers.due);
    }
    expect(written.machine).toMatchObject({ cores: expect.any(Number), node: process.version, temporalSdk: expect.any(String), temporalServer: expect.any(String) });
  });
});
