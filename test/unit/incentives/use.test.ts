import { describe, expect, it } from 'vitest';
import { DealFacts } from '../../../src/incentives/facts-schema';
import { evaluateIncentives } from '../../../src/incentives/rules/evaluate';
import { claim, evidence, fy2021, makeDeal, makePartner, quotes } from './fixtures';

const dc = makeDeal({ architecture: 'data-center' });
const en = makeDeal({ architecture: 'enterprise-networks' });
const sec = makeDeal({ architecture: 'security' });
const asOf = '2021-06-30';
const on = '2021-04-10';

function useQuote(deal: typeof dc, milestone: string, usage: ReturnType<typeof evidence>[], extra: { asOf?: string } = {}) {
  return claim(quotes({ deal, partner: makePartner('none'), facts: { usage }, asOf: extra.asOf ?? asOf }), milestone);
}

describe('Use eligibility', () => {
  const intersight = [evidence('intersight', on, { licensedServers: 100, claimedServers: 50 })];

  it('needs an order of at least $10,000 of software: $9,999 is refused, $10,000 qualifies', () => {
    const below = useQuote(makeDeal({ softwareUsd: 9_999 }), 'use:intersight', intersight);
    expect(below).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'minimum-software' });
    expect(below.reason).toBe('deal net software $9,999 is below the $10,000 minimum');
    expect(useQuote(makeDeal({ softwareUsd: 10_000 }), 'use:intersight', intersight)).toMatchObject({ eligible: true, amountUsd: 5_000 });
  });

  it('counts only software lines toward the order minimum', () => {
    // makeDeal adds a $99,999 services line, which must not lift $9,999 of software over the line.
    expect(useQuote(makeDeal({ softwareUsd: 9_999 }), 'use:intersight', intersight).eligible).toBe(false);
  });

  it.each(['none', 'specialized', 'advanced'] as const)('pays a %s partner: no CX specialization needed', (level) => {
    const q = claim(quotes({ deal: dc, partner: makePartner(level), facts: { usage: intersight }, asOf }), 'use:intersight');
    expect(q).toMatchObject({ eligible: true, amountUsd: 5_000 });
  });

  it('needs the architecture specialization', () => {
    const q = claim(quotes({ deal: dc, partner: makePartner('advanced', ['security']), facts: { usage: intersight }, asOf }), 'use:intersight');
    expect(q).toMatchObject({ eligible: false, reasonCode: 'architecture-specialization', reason: 'partner lacks the data-center architecture specialization' });
  });

  it('offers only the use cases of the deal architecture and none for collaboration', () => {
    const milestones = quotes({ deal: sec, asOf }).filter((q) => q.incentive === 'use').map((q) => q.milestone);
    expect(milestones).toEqual(['use:tetration-pop-1', 'use:tetration-pop-2']);
    expect(quotes({ deal: makeDeal({ architecture: 'collaboration' }), asOf }).filter((q) => q.incentive === 'use')).toEqual([]);
  });
});

describe('Use window: 12 months from the end of the fiscal quarter of sale', () => {
  // Booked 2021-01-15 in FY2021 Q2 (Nov-Jan), which ends 2021-01-31: last day 2022-01-31.
  it('accepts proof on the last day and refuses it the day after', () => {
    const onLastDay = useQuote(dc, 'use:intersight', [evidence('intersight', '2022-01-31', { licensedServers: 10, claimedServers: 4 })], { asOf: '2022-03-01' });
    expect(onLastDay).toMatchObject({ eligible: true, deadline: '2022-01-31', provenOn: '2022-01-31' });
    const dayAfter = useQuote(dc, 'use:intersight', [evidence('intersight', '2022-02-01', { licensedServers: 10, claimedServers: 4 })], { asOf: '2022-03-01' });
    expect(dayAfter).toMatchObject({ eligible: false, reasonCode: 'window-closed', reason: "proven on 2022-02-01, after the window's last day 2022-01-31" });
  });

  it('is open without proof up to the last day and closed the day after', () => {
    expect(useQuote(dc, 'use:intersight', [], { asOf: '2022-01-31' })).toMatchObject({ reasonCode: 'not-yet-evidenced', deadline: '2022-01-31' });
    expect(useQuote(dc, 'use:intersight', [], { asOf: '2022-02-01' })).toMatchObject({
      reasonCode: 'window-closed',
      reason: 'no intersight evidence recorded; the window closed on 2022-01-31',
    });
  });

  it('ignores evidence dated after asOf', () => {
    const later = [evidence('intersight', '2021-09-01', { licensedServers: 10, claimedServers: 9 })];
    expect(useQuote(dc, 'use:intersight', later, { asOf: '2021-08-31' }).reasonCode).toBe('not-yet-evidenced');
    expect(useQuote(dc, 'use:intersight', later, { asOf: '2021-09-01' }).eligible).toBe(true);
  });
});

describe('Data Center use cases', () => {
  it('Intersight pays $5,000 at 35% of licensed UCS servers claimed, not at 34.9%', () => {
    const at349 = useQuote(dc, 'use:intersight', [evidence('intersight', on, { licensedServers: 1000, claimedServers: 349 })]);
    expect(at349).toMatchObject({ eligible: false, reasonCode: 'condition-not-met' });
    expect(at349.reason).toContain('349 of 1000 = 34.9% (needs ≥ 35%): not met');
    expect(useQuote(dc, 'use:intersight', [evidence('intersight', on, { licensedServers: 1000, claimedServers: 350 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(useQuote(dc, 'use:intersight', [evidence('intersight', on, { licensedServers: 20, claimedServers: 7 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
  });

  it('Intersight is not proven by evidence missing a metric or with no licensed servers', () => {
    expect(useQuote(dc, 'use:intersight', [evidence('intersight', on, { claimedServers: 7 })]).reason).toContain('licensedServers not reported');
    expect(useQuote(dc, 'use:intersight', [evidence('intersight', on, { licensedServers: 0, claimedServers: 0 })]).reasonCode).toBe('condition-not-met');
  });

  it('ACI + Day-2 Ops pays $10,000 + $10,000 + up to $10,000 ($5,000 per additional A&I use case)', () => {
    const aci = (metrics: Record<string, number>) => quotes({ deal: dc, partner: makePartner('none'), facts: { usage: [evidence('aci-day2-ops', on, metrics)] }, asOf });
    const one = aci({ leafSwitchesInProduction: 1 });
    expect(claim(one, 'use:aci-production')).toMatchObject({ eligible: false, reasonCode: 'condition-not-met' });
    expect(claim(one, 'use:aci-assurance-insights')).toMatchObject({ eligible: false, reasonCode: 'condition-not-met' });

    const two = aci({ leafSwitchesInProduction: 2 });
    expect(claim(two, 'use:aci-production')).toMatchObject({ eligible: true, amountUsd: 10_000 });
    expect(claim(two, 'use:aci-assurance-insights').eligible).toBe(false);

    const full = (additional: number) => aci({ leafSwitchesInProduction: 2, assuranceInsightsInProduction: 1, additionalAssuranceUseCases: additional });
    expect(claim(full(0), 'use:aci-assurance-insights')).toMatchObject({ eligible: true, amountUsd: 10_000 });
    expect(claim(full(0), 'use:aci-additional-use-cases')).toMatchObject({ eligible: false, reasonCode: 'condition-not-met' });
    expect(claim(full(1), 'use:aci-additional-use-cases')).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(claim(full(2), 'use:aci-additional-use-cases')).toMatchObject({ eligible: true, amountUsd: 10_000 });
    const three = claim(full(3), 'use:aci-additional-use-cases');
    expect(three).toMatchObject({ eligible: true, amountUsd: 10_000 });
    expect(three.breakdown).toContain('capped at the $10,000 maximum');
    const total = full(3).filter((q) => q.milestone.startsWith('use:aci') && q.eligible).reduce((sum, q) => sum + q.amountUsd, 0);
    expect(total).toBe(30_000);
  });

  it('ACI later milestones need the earlier ones proven first', () => {
    const q = useQuote(dc, 'use:aci-assurance-insights', [evidence('aci-day2-ops', on, { leafSwitchesInProduction: 1, assuranceInsightsInProduction: 1 })]);
    // Issue 11 item 3: the reason says why the prerequisite is not proven.
    expect(q).toMatchObject({ eligible: false, reasonCode: 'requires' });
    expect(q.reason).toMatch(/^requires use:aci-production: telemetry .* leafSwitchesInProduction = 1 \(needs ≥ 2\): not met$/);
  });

  it('DCNM + Day-2 Ops needs 2 spine and at least 4 leaf nodes, then the same split', () => {
    const dcnm = (metrics: Record<string, number>) => quotes({ deal: dc, partner: makePartner('none'), facts: { usage: [evidence('dcnm-day2-ops', on, metrics)] }, asOf });
    expect(claim(dcnm({ spineNodesInProduction: 2, leafNodesInProduction: 3 }), 'use:dcnm-production').eligible).toBe(false);
    expect(claim(dcnm({ spineNodesInProduction: 1, leafNodesInProduction: 4 }), 'use:dcnm-production').eligible).toBe(false);
    const all = dcnm({ spineNodesInProduction: 2, leafNodesInProduction: 4, assuranceInsightsInProduction: 1, additionalAssuranceUseCases: 2 });
    expect(['use:dcnm-production', 'use:dcnm-assurance-insights', 'use:dcnm-additional-use-cases'].map((m) => claim(all, m).amountUsd)).toEqual([10_000, 10_000, 10_000]);
  });
});

describe('Enterprise Networks use cases', () => {
  const dna = (useCase: string, metrics: Record<string, number>) => useQuote(en, `use:${useCase}`, [evidence(useCase, on, metrics)]);

  it('DNA Center tier 1 pays $50 per router/controller/switch and $10 per access point', () => {
    const q = dna('dnac-image-management', { routersControllersSwitches: 48, accessPoints: 12 });
    expect(q).toMatchObject({ eligible: true, amountUsd: 2_520 });
    expect(q.breakdown).toEqual(expect.arrayContaining(['48 routers, wireless controllers or switches × $50 = $2,400', '12 access points × $10 = $120', 'worth $2,520']));
  });

  it('DNA Center tier 1 is paid once worth $500: $490 (the most below $500) is refused, $500 pays', () => {
    const below = dna('dnac-device-onboarding', { routersControllersSwitches: 9, accessPoints: 4 });
    expect(below).toMatchObject({ eligible: false, reasonCode: 'below-minimum', reason: 'worth $490, below the $500 minimum' });
    expect(dna('dnac-device-onboarding', { routersControllersSwitches: 10 })).toMatchObject({ eligible: true, amountUsd: 500 });
    expect(dna('dnac-device-onboarding', { routersControllersSwitches: 9, accessPoints: 5 })).toMatchObject({ eligible: true, amountUsd: 500 });
  });

  it('DNA Center tier 1 is capped at $12,500', () => {
    expect(dna('dnac-image-management', { routersControllersSwitches: 250 })).toMatchObject({ eligible: true, amountUsd: 12_500 });
    const over = dna('dnac-image-management', { routersControllersSwitches: 250, accessPoints: 1 });
    expect(over).toMatchObject({ eligible: true, amountUsd: 12_500 });
    expect(over.breakdown).toContain('capped at the $12,500 maximum');
  });

  it('DNA Center tier 2 pays $100 / $20, from $1,000 up to $25,000', () => {
    expect(dna('dnac-network-assurance', { routersControllersSwitches: 9, accessPoints: 4 })).toMatchObject({ eligible: false, reasonCode: 'below-minimum', reason: 'worth $980, below the $1,000 minimum' });
    expect(dna('dnac-access-policy', { routersControllersSwitches: 9, accessPoints: 5 })).toMatchObject({ eligible: true, amountUsd: 1_000 });
    expect(dna('dnac-segmentation', { routersControllersSwitches: 250 })).toMatchObject({ eligible: true, amountUsd: 25_000 });
    expect(dna('dnac-segmentation', { routersControllersSwitches: 240, accessPoints: 51 })).toMatchObject({ eligible: true, amountUsd: 25_000 });
  });

  it('pays one DNA Center use case per deal: the best-paying; the others say they were superseded', () => {
    const all = quotes({
      deal: en,
      partner: makePartner('none'),
      facts: {
        usage: [
          evidence('dnac-image-management', on, { routersControllersSwitches: 100 }), // $5,000
          evidence('dnac-network-assurance', on, { routersControllersSwitches: 100 }), // $10,000
          evidence('dnac-segmentation', on, { routersControllersSwitches: 5 }), // $500, below tier 2 minimum
        ],
      },
      asOf,
    });
    expect(claim(all, 'use:dnac-network-assurance')).toMatchObject({ eligible: true, amountUsd: 10_000 });
    const superseded = claim(all, 'use:dnac-image-management');
    expect(superseded).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'superseded' });
    expect(superseded.reason).toMatch(/^superseded by use:dnac-network-assurance \(\$10,000\)/);
    expect(claim(all, 'use:dnac-segmentation').reasonCode).toBe('below-minimum');
    expect(all.filter((q) => q.milestone.startsWith('use:dnac') && q.eligible)).toHaveLength(1);
  });

  it('a tier 1 use case wins when it pays more than tier 2', () => {
    const all = quotes({
      deal: en,
      partner: makePartner('none'),
      facts: { usage: [evidence('dnac-device-onboarding', on, { routersControllersSwitches: 250 }), evidence('dnac-access-policy', on, { routersControllersSwitches: 60 })] },
      asOf,
    });
    expect(claim(all, 'use:dnac-device-onboarding')).toMatchObject({ eligible: true, amountUsd: 12_500 });
    expect(claim(all, 'use:dnac-access-policy').reason).toMatch(/^superseded by use:dnac-device-onboarding/);
  });

  it('keeps the DNA Center use case already claimed when a better one is proven later', () => {
    const facts = DealFacts.parse({
      usage: [evidence('dnac-image-management', '2021-03-01', { routersControllersSwitches: 100 }), evidence('dnac-network-assurance', on, { routersControllersSwitches: 100 })],
    });
    const all = evaluateIncentives({ program: fy2021, deal: en, partner: makePartner('none'), facts, asOf, claimed: ['use:dnac-image-management'] });
    expect(claim(all, 'use:dnac-image-management')).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(claim(all, 'use:dnac-network-assurance')).toMatchObject({
      eligible: false,
      reasonCode: 'superseded',
      reason: 'superseded by use:dnac-image-management, already claimed: one dna-center use case is paid per deal',
    });
  });

  it('claims the reading worth the most within the window', () => {
    const q = useQuote(en, 'use:dnac-image-management', [
      evidence('dnac-image-management', '2021-03-01', { routersControllersSwitches: 20 }),
      evidence('dnac-image-management', '2021-05-01', { routersControllersSwitches: 60 }),
    ]);
    expect(q).toMatchObject({ amountUsd: 3_000, provenOn: '2021-05-01' });
  });

  it('ISE pays $5,000 at 15% of Base or Plus licences in use, not at 14.9%, or on the access-policy PoP', () => {
    expect(useQuote(en, 'use:ise', [evidence('ise', on, { baseOrPlusLicences: 1000, baseOrPlusLicencesInUse: 149 })])).toMatchObject({ eligible: false, reasonCode: 'condition-not-met' });
    expect(useQuote(en, 'use:ise', [evidence('ise', on, { baseOrPlusLicences: 1000, baseOrPlusLicencesInUse: 150 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(useQuote(en, 'use:ise', [evidence('ise', on, { baseOrPlusLicences: 100, baseOrPlusLicencesInUse: 15 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(useQuote(en, 'use:ise', [evidence('ise', on, { baseOrPlusLicences: 1000, baseOrPlusLicencesInUse: 10, scalableAccessPolicyPopPassed: 1 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
  });

  it('Stealthwatch pays $5,000 at 30% Flow Collection use, not at 29.9%', () => {
    expect(useQuote(en, 'use:stealthwatch', [evidence('stealthwatch', on, { licences: 1000, flowCollectionLicencesInUse: 299 })]).reasonCode).toBe('condition-not-met');
    expect(useQuote(en, 'use:stealthwatch', [evidence('stealthwatch', on, { licences: 1000, flowCollectionLicencesInUse: 300 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(useQuote(en, 'use:stealthwatch', [evidence('stealthwatch', on, { licences: 10, flowCollectionLicencesInUse: 3 })])).toMatchObject({ eligible: true, amountUsd: 5_000 });
  });
});

describe('Security use cases', () => {
  const tetration = (metrics: Record<string, number>) => quotes({ deal: sec, partner: makePartner('none'), facts: { usage: [evidence('tetration', on, metrics)] }, asOf });

  it('Tetration first PoP pays $3,000 with at least 100 sensors in production', () => {
    expect(claim(tetration({ sensorsInProduction: 99 }), 'use:tetration-pop-1').reasonCode).toBe('condition-not-met');
    expect(claim(tetration({ sensorsInProduction: 100 }), 'use:tetration-pop-1')).toMatchObject({ eligible: true, amountUsd: 3_000 });
  });

  it('Tetration second PoP pays $7,000 for micro-segmentation of 2 apps OR process-anomaly and vulnerability detection', () => {
    expect(claim(tetration({ sensorsInProduction: 100, microSegmentedApplications: 1 }), 'use:tetration-pop-2').reasonCode).toBe('condition-not-met');
    expect(claim(tetration({ sensorsInProduction: 100, microSegmentedApplications: 2 }), 'use:tetration-pop-2')).toMatchObject({ eligible: true, amountUsd: 7_000 });
    expect(claim(tetration({ sensorsInProduction: 100, processAnomalyDetection: 1 }), 'use:tetration-pop-2').reasonCode).toBe('condition-not-met');
    expect(claim(tetration({ sensorsInProduction: 100, processAnomalyDetection: 1, vulnerabilityDetection: 1 }), 'use:tetration-pop-2')).toMatchObject({ eligible: true, amountUsd: 7_000 });
  });

  it('Tetration second PoP needs the first', () => {
    expect(claim(tetration({ sensorsInProduction: 50, microSegmentedApplications: 3 }), 'use:tetration-pop-2')).toMatchObject({ eligible: false, reasonCode: 'requires' });
  });
});
