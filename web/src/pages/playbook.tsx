import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { RaciTable } from '../components/raci-table';
import { usePageTitle } from '../page-title';

/** The active playbook, read-only: the RACI matrix by step, the handoffs and the escalation ladder. */
export function PlaybookPage() {
  usePageTitle('Playbook');
  const playbook = useQuery({ queryKey: ['playbook'], queryFn: () => unwrap(api.GET('/playbook')) });
  const pb = playbook.data;
  return (
    <>
      <h1>Playbook{pb && `: ${pb.name} (version ${pb.version})`}</h1>
      <ErrorNotice error={playbook.error} />
      {pb && (
        <>
          <section aria-labelledby="raci">
            <h2 id="raci">RACI matrix</h2>
            <RaciTable playbook={pb} roles={pb.roles} caption={`R responsible, A accountable, C consulted, I informed; deals enter at step ${pb.entryStep}`} label="RACI matrix, scrollable" />
          </section>
          <section aria-labelledby="handoff-templates">
            <h2 id="handoff-templates">Handoffs</h2>
            {pb.handoffs.map((h) => (
              <article key={h.id} className="card">
                <h3>{h.name}</h3>
                <p>{h.objective}</p>
                <p className="small">
                  RACI:{' '}
                  {Object.entries(h.raci)
                    .map(([role, cell]) => `${role} ${cell}`)
                    .join(', ')}
                </p>
                <ul>
                  {h.checklist.map((i) => (
                    <li key={i.id}>
                      {i.task} <span className="muted">({i.owner})</span>
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </section>
          <section aria-labelledby="ladder">
            <h2 id="ladder">Escalation ladder</h2>
            <ol>
              {pb.escalation.rungs.map((r) => (
                <li key={r.id}>
                  {r.action} {r.to}: {r.daysBefore !== undefined ? `${r.daysBefore} days before the deadline` : `at ${Math.round((r.atFractionOfWindow ?? 0) * 100)}% of the window`}
                </li>
              ))}
              <li>breach: to {pb.escalation.breachTo.join(', ')}</li>
            </ol>
            <p>Managed by: {pb.escalation.managers.join(', ') || 'the step owners only'}</p>
          </section>
          <section aria-labelledby="diagram">
            <h2 id="diagram">Lifecycle statechart (Mermaid)</h2>
            <pre className="code" tabIndex={0}>{pb.diagram}</pre>
          </section>
        </>
      )}
    </>
  );
}
