import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/config/program-files';
import { evidenceProblems, evidenceVocabulary } from '../../../src/incentives/evidence-vocabulary';

const evidence = { id: 'e1', useCase: 'aci-day2-ops', observedOn: '2021-03-01', source: 'pop' as const, metrics: { leafSwitchesInProduction: 4 } };

describe('usage evidence against the program', () => {
  it('knows each use case of the program with the metrics its conditions and per-unit rates read, and the utilisation pair', async () => {
    const vocabulary = evidenceVocabulary(await loadProgram('fy2021-lifecycle'));
    expect([...vocabulary.get('intersight')!].sort()).toEqual(['activeUsers', 'claimedServers', 'licensedServers', 'licensedUsers']);
    expect(vocabulary.get('aci-day2-ops')).toEqual(new Set(['licensedUsers', 'activeUsers', 'leafSwitchesInProduction', 'assuranceInsightsInProduction', 'additionalAssuranceUseCases']));
    expect(vocabulary.get('dnac-image-management')).toEqual(new Set(['licensedUsers', 'activeUsers', 'routersControllersSwitches', 'accessPoints']));
    expect([...evidenceVocabulary(await loadProgram('cx-rebate-v1')).keys()]).toEqual(['active-usage']);
  });

  it('accepts evidence the program can read and names what it cannot', async () => {
    const program = await loadProgram('fy2021-lifecycle');
    expect(evidenceProblems(evidence, program)).toEqual([]);
    expect(evidenceProblems({ ...evidence, metrics: { leafSwitchesInProductoin: 4, sensors: 3 } }, program).map((p) => [p.path, p.rule.split(' (')[0]])).toEqual([
      [['metrics', 'leafSwitchesInProductoin'], 'no rule of use case aci-day2-ops in program fy2021-lifecycle v1 reads this metric'],
      [['metrics', 'sensors'], 'no rule of use case aci-day2-ops in program fy2021-lifecycle v1 reads this metric'],
    ]);
    expect(evidenceProblems({ ...evidence, metrics: { leafSwitchesInProductoin: 4 } }, program)[0]!.rule).toContain('did you mean leafSwitchesInProduction?');
    const [unknown] = evidenceProblems({ ...evidence, useCase: 'webex' }, await loadProgram('cx-rebate-v1'));
    expect(unknown).toEqual({ path: ['useCase'], rule: 'webex is not a use case of program cx-rebate-v1 v1 (known: active-usage)' });
  });
});
