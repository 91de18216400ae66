import { HealthReadingInput } from '../../../src/domain/schemas/health-reading';
import { api, unwrap, type Schemas } from '../api/client';
import { JsonActionForm } from './json-action';

/** A reading as the CSM enters it: DOMAIN 6's scorecard answers and the subscription's telemetry. */
const READING_EXAMPLE = {
  scorecard: {
    'stakeholders-identified': 'yes',
    'business-objective': 'yes',
    'key-features-aligned': 'in-progress',
    'persona-use-cases-aligned': 'in-progress',
    'objective-kpis': 'yes',
    'kpi-measured': 'no',
    'kpis-reported-to-exec': 'no',
    'adoption-barriers-resolved': 'in-progress',
    'embedded-capabilities': 'no',
    'prior-product-removed': 'no',
  },
  telemetry: { licensedUsers: 85, activeUsers: 72, currentVersionShare: 0.6, featuresActivated: 4, valueIndex: [3, 2] },
  source: 'csm-scorecard',
};

/**
 * The deal's health: the latest observations from its timeline (score, trend, renewal risk, as
 * Baton computed them) and the form that observes a new reading (POST /deals/{dealId}/health).
 */
export function HealthSection({ dealId, timeline }: { dealId: string; timeline: Schemas['Timeline'] | undefined }) {
  const observed = (timeline?.items ?? []).filter((i) => i.type === 'health.observed').slice(-3).reverse();
  return (
    <section aria-labelledby="health">
      <h2 id="health">Health</h2>
      {observed.length === 0 ? (
        <p>No health observed yet.</p>
      ) : (
        <ul aria-label="Latest health observations">
          {observed.map((i) => (
            <li key={i.id}>{i.summary}</li>
          ))}
        </ul>
      )}
      <JsonActionForm
        dealId={dealId}
        title="Observe health"
        field="reading"
        schema={HealthReadingInput}
        example={READING_EXAMPLE}
        send={(reading) => unwrap(api.POST('/deals/{dealId}/health', { params: { path: { dealId } }, body: reading }))}
      />
    </section>
  );
}
