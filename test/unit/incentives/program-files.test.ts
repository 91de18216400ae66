import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_PROGRAM_ID, listPrograms, loadProgram, parseProgram, PROGRAMS_DIR } from '../../../src/config/program-files';

async function defaultProgramData(): Promise<Record<string, unknown>> {
  return parse(await readFile(path.join(PROGRAMS_DIR, `${DEFAULT_PROGRAM_ID}.yaml`), 'utf8')) as Record<string, unknown>;
}

function expectInvalid(data: unknown, ...fragments: string[]) {
  let message = '';
  try {
    parseProgram(stringify(data), 'test.yaml');
  } catch (err) {
    message = (err as Error).message;
  }
  for (const fragment of fragments) expect(message).toContain(fragment);
}

describe('program files', () => {
  it('lists the shipped programs and loads the default', async () => {
    expect((await listPrograms()).map((p) => p.id)).toEqual(['cx-rebate-v1', 'fy2021-lifecycle']);
    const program = await loadProgram(DEFAULT_PROGRAM_ID);
    expect(program).toMatchObject({ id: 'fy2021-lifecycle', version: 1, fiscalYearStartMonth: 8, payout: { cadence: 'quarterly', lagFiscalQuarters: 1 } });
    expect(program.incentives.map((i) => i.kind)).toEqual(['use', 'adopt', 'expand']);
    expect(program.reference[0]).toMatchObject({ id: 'headline-rates', values: { none: 1, specialized: 3, advanced: 5 } });
  });

  it('refuses an unknown id and a file whose id differs from its name', async () => {
    await expect(loadProgram('fy1999')).rejects.toThrow(/no program "fy1999".*known: cx-rebate-v1, fy2021-lifecycle/);
    await expect(loadProgram('../secrets')).rejects.toThrow(/must be letters/);
    const dir = await mkdtemp(path.join(tmpdir(), 'programs-'));
    await writeFile(path.join(dir, 'renamed.yaml'), stringify(await defaultProgramData()));
    await expect(loadProgram('renamed', dir)).rejects.toThrow('id is "fy2021-lifecycle" but the file name says "renamed"');
  });

  it('names the field path and the rule of every error', async () => {
    const data = await defaultProgramData();
    const use = (data.incentives as { milestones: Record<string, unknown>[] }[])[0]!;
    use.milestones[0]!.payout = { type: 'per-unit', rates: [{ metric: 'x', usd: 1, unitLabel: 'x' }], minimumUsd: 10, maximumUsd: 5 };
    data.fiscalYearStartMonth = 13;
    expectInvalid(
      data,
      'test.yaml: invalid program',
      'fiscalYearStartMonth: must be a month 1-12',
      'incentives[0].milestones[0].payout.maximumUsd: minimumUsd must not exceed maximumUsd',
    );
    const refs = await defaultProgramData();
    ((refs.incentives as { milestones: Record<string, unknown>[] }[])[0]!.milestones[1]!).requires = ['use:nope'];
    expectInvalid(refs, 'incentives[0].milestones[1].requires[0]: no milestone use:nope in this program');
  });

  it('rejects tier payouts that do not name the tiers, and requirement cycles', async () => {
    const data = await defaultProgramData();
    const adopt = (data.incentives as { milestones: { payout: { standard: { tiers: Record<string, unknown> } }; requires: string[] }[] }[])[1]!;
    delete adopt.milestones[0]!.payout.standard.tiers.large;
    adopt.milestones[0]!.requires = ['adopt:business-outcomes'];
    expectInvalid(data, 'incentives[1].milestones[0].payout: by-tier must name exactly', 'cycle: adopt:success-plan -> adopt:business-outcomes -> adopt:success-plan');
  });

  it('rejects an unknown window shape and an unknown condition type', async () => {
    const data = await defaultProgramData();
    const use = (data.incentives as Record<string, unknown>[])[0]!;
    use.window = { from: 'booking', weeks: 3 };
    ((use.milestones as { proof: { condition: unknown } }[])[0]!.proof.condition) = { type: 'median', metric: 'x' };
    expectInvalid(data, 'incentives[0].window: must be { from: booking', 'incentives[0].milestones[0].proof.condition.type');
  });

  it('checks the date that meets a window, the meaning of a prerequisite and how the minimum applies', async () => {
    const data = await defaultProgramData();
    const [use, adopt] = data.incentives as { eligibility: Record<string, unknown>; tiers: Record<string, unknown>; milestones: Record<string, unknown>[] }[];
    use!.milestones[0]!.windowMetBy = 'booked';
    use!.milestones[1]!.windowMetBy = 'observed';
    use!.milestones[3]!.requires = [{ milestone: 'use:aci-production', proven: 'late' }];
    adopt!.eligibility.minimumSoftware = { usd: 50000, basis: 'deal' };
    expectInvalid(
      data,
      'incentives[0].milestones[0].windowMetBy: only an expansion booking has a booking date; use received',
      'incentives[0].milestones[1].windowMetBy',
      'incentives[0].milestones[3].requires[0]: must be { milestone: kind:id, proven: in-window | at-all }',
      'incentives[1].tiers.basis: qualifying-skus needs the eligibility minimumSoftware to apply per-sku',
    );
    const perSkuWithBasis = await defaultProgramData();
    (perSkuWithBasis.incentives as { eligibility: Record<string, unknown> }[])[1]!.eligibility.minimumSoftware = { usd: 50000, basis: 'deal', minimumApplies: 'per-sku' };
    expectInvalid(perSkuWithBasis, 'incentives[1].eligibility.minimumSoftware.basis: unknown field');
    const unknownPrerequisite = await defaultProgramData();
    (unknownPrerequisite.incentives as { milestones: Record<string, unknown>[] }[])[0]!.milestones[2]!.requires = [{ milestone: 'use:nope', proven: 'in-window' }];
    expectInvalid(unknownPrerequisite, 'incentives[0].milestones[2].requires[0]: no milestone use:nope in this program');
  });

  it('states the DOMAIN reading in the shipped file rather than relying on defaults', async () => {
    const program = await loadProgram(DEFAULT_PROGRAM_ID);
    for (const milestone of program.incentives.flatMap((i) => i.milestones)) {
      expect(milestone.windowMetBy, milestone.id).toBe(milestone.proof.type === 'expansion-booking' ? 'booked' : 'received');
      for (const requirement of milestone.requires) expect(typeof requirement, milestone.id).toBe('object');
    }
    const adopt = program.incentives.find((i) => i.kind === 'adopt')!;
    expect(adopt.eligibility.minimumSoftware).toEqual({ usd: 50000, minimumApplies: 'per-sku' });
    expect(adopt.milestones.find((m) => m.id === 'business-outcomes')!.requires).toEqual([{ milestone: 'adopt:success-plan', proven: 'at-all' }]);
  });
});
