import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

it('baton simulate --json prints the timeline and the claims of the scripted journey', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--deal', 'examples/simulate/deal.json', '--partner', 'examples/simulate/partner.json', '--script', 'examples/simulate/late-plan.json', '--json'],
    { cwd: root, maxBuffer: 10_000_000 },
  );
  const output = JSON.parse(stdout) as { partner: unknown; timeline: { at: string; type: string; actor?: string }[]; claims: unknown[] };
  expect(Object.keys(output)).toEqual(['partner', 'timeline', 'claims']);
  expect(output.partner).toEqual({ id: 'northwind', from: 'examples/simulate/partner.json' });
  expect(output.timeline[0]).toMatchObject({ at: '2021-01-15T00:00:00.000Z', type: 'deal.registered', actor: 'ana.moreno@northwind.example' });
  expect(output.timeline.filter((e) => e.type.startsWith('deadline.') && e.type !== 'deadline.met').map((e) => `${e.at} ${e.type}`)).toEqual([
    '2021-03-01T12:00:00.000Z deadline.reminder',
    '2021-04-02T00:00:00.000Z deadline.reminder',
    '2021-04-09T00:00:00.000Z deadline.escalated',
    '2021-04-13T00:00:00.000Z deadline.escalated',
    '2021-04-16T00:00:00.000Z deadline.breached',
  ]);
  expect(output.claims).toEqual([]);
}, 120_000);
