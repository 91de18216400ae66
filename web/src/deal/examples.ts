/** Starting documents for the JSON-edited actions: the shape each schema wants, to be filled in. */
export const SUCCESS_PLAN_EXAMPLE = {
  productsSold: ['Intersight Essentials'],
  outcomes: [
    {
      name: 'Faster provisioning',
      initiatives: [{ name: 'Automate server deployment', kpis: [{ name: 'Provisioning time', initialState: '5 days', targetState: '1 day', measurement: 'ticket timestamps, monthly' }] }],
    },
  ],
  adoptionPlan: { strategy: 'Roll out by data centre', milestones: [] },
};

export const OUTCOMES_EXAMPLE = {
  results: [{ kpi: 'Provisioning time', initialState: '5 days', achievedState: '1 day', measuredOn: new Date().toISOString().slice(0, 10) }],
  confirmation: { kind: 'signature', signedBy: 'Customer sponsor', signedOn: new Date().toISOString().slice(0, 10) },
};

export const USAGE_EXAMPLE = {
  id: 'pop-1',
  useCase: 'intersight',
  observedOn: new Date().toISOString().slice(0, 10),
  source: 'telemetry',
  metrics: { licensedServers: 100, claimedServers: 35 },
};

export const EXPANSION_LINES_EXAMPLE = [{ sku: 'DC-INTERSIGHT-ADV', useCase: 'intersight', quantity: 50, netValueUsd: 120000 }];
