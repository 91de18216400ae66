import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  const output = JSON.parse(stdout) as { partner: unknown; timeline: { at: string; type: string; actor?: string }[]; claims: unknown[]; notApplied: unknown[] };
  expect(Object.keys(output)).toEqual(['partner', 'timeline', 'claims', 'notApplied']);
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

it('baton simulate reports a scripted step after the lifecycle completed as refused, and does not crash', async () => {
  const script = JSON.parse(await readFile(path.join(root, 'examples/simulate/on-time.json'), 'utf8')) as { steps: object[] };
  script.steps.push({ at: 'P400D', action: 'step.complete', actor: 'ana.moreno@northwind.example', step: 'expand' }, { at: 'P401D', action: 'health.observe', healthScore: 3 });
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'simulate-')), 'after-end.json');
  await writeFile(file, JSON.stringify(script));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--deal', 'examples/simulate/deal.json', '--script', file, '--json'], {
    cwd: root,
    maxBuffer: 10_000_000,
  });
  const output = JSON.parse(stdout) as { partner: unknown; timeline: { type: string }[]; notApplied: unknown[] };
  // No --partner: the deal's partnerId profile.
  expect(output.partner).toEqual({ id: 'northwind', from: 'config/partners/northwind.yaml' });
  expect(output.timeline.at(-1)?.type).toBe('lifecycle.completed');
  expect(output.notApplied).toEqual([
    { at: '2022-02-19T00:00:00.000Z', action: 'step.complete', actor: 'ana.moreno@northwind.example', outcome: 'refused', reason: 'the deal is completed, it takes no more actions' },
    { at: '2022-02-20T00:00:00.000Z', action: 'health.observe', outcome: 'refused', reason: 'the deal has closed, it takes no more signals' },
  ]);
}, 120_000);

it("baton simulate refuses a partner file that says architecture for architectures, and a deal whose partner has no profile, with exit 2", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'simulate-'));
  const partner = JSON.parse(await readFile(path.join(root, 'examples/simulate/partner.json'), 'utf8')) as Record<string, unknown>;
  const { architectures, ...rest } = partner;
  const typo = path.join(dir, 'partner.json');
  await writeFile(typo, JSON.stringify({ ...rest, architecture: architectures }));
  const simulate = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--script', 'examples/simulate/late-plan.json', ...args], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
  const mistyped = await simulate(['--deal', 'examples/simulate/deal.json', '--partner', typo]);
  expect(mistyped.code).toBe(2);
  expect(mistyped.stderr).toContain('architecture: unknown field; did you mean architectures?');

  const deal = JSON.parse(await readFile(path.join(root, 'examples/simulate/deal.json'), 'utf8')) as Record<string, unknown>;
  const unknownPartner = path.join(dir, 'deal.json');
  await writeFile(unknownPartner, JSON.stringify({ ...deal, partnerId: 'nobody-we-know' }));
  const assumed = await simulate(['--deal', unknownPartner]);
  expect(assumed.code).toBe(2);
  expect(assumed.stderr).toContain('--partner');
}, 120_000);
