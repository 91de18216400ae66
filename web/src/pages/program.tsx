import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { formatUsd } from '../format';
import { usePageTitle } from '../page-title';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The default incentive program, read-only: every incentive's window and every milestone's amount. */
export function ProgramPage() {
  usePageTitle('Program');
  const program = useQuery({ queryKey: ['program'], queryFn: () => unwrap(api.GET('/program')) });
  const p = program.data;
  return (
    <>
      <h1>Program{p && `: ${p.name} (version ${p.version})`}</h1>
      <ErrorNotice error={program.error} />
      {p && (
        <>
          <p>
            The fiscal year starts in {MONTHS[p.fiscalYearStartMonth - 1]}; claims are paid {p.payoutLagFiscalQuarters} fiscal quarter
            {p.payoutLagFiscalQuarters === 1 ? '' : 's'} after they are accepted.
          </p>
          {p.incentives.map((incentive) => (
            <section key={incentive.kind} aria-labelledby={`incentive-${incentive.kind}`} className="card">
              <h2 id={`incentive-${incentive.kind}`}>{incentive.name}</h2>
              <p>Window: {incentive.window}</p>
              {incentive.tiers.length > 0 && (
                <p>
                  Tiers:{' '}
                  {incentive.tiers.map((t) => `${t.label} from ${formatUsd(t.fromUsd)}`).join('; ')}
                </p>
              )}
              <ul>
                {incentive.milestones.map((m) => (
                  <li key={m.id}>
                    <strong>{m.label}</strong>: {m.payout}
                    {m.window && <span className="muted"> (window: {m.window})</span>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
