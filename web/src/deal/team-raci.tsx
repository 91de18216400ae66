import type { Schemas } from '../api/client';

/** The deal's team, and what the playbook makes each of its roles on every step (R, A, C, I). */
export function TeamRaci({ playbook, team, currentStep }: { playbook: Schemas['Playbook']; team: Schemas['Deal']['team']; currentStep?: string | undefined }) {
  const roles = playbook.roles.filter((r) => (team[r.id]?.length ?? 0) > 0);
  return (
    <section aria-labelledby="team">
      <h2 id="team">Team and RACI</h2>
      <ul className="team">
        {roles.map((role) => (
          <li key={role.id}>
            <strong>{role.name}</strong> ({role.id}): {(team[role.id] ?? []).map((p) => `${p.name} <${p.id}>`).join(', ')}
          </li>
        ))}
      </ul>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="RACI of the team per step">
        <table className="raci">
          <caption>R responsible, A accountable, C consulted, I informed</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              {roles.map((r) => (
                <th scope="col" key={r.id}>
                  <abbr title={r.name}>{r.id}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {playbook.stages.flatMap((stage) =>
              stage.steps.map((step) => (
                <tr key={`${stage.id}.${step.id}`} className={step.id === currentStep ? 'current' : undefined}>
                  <th scope="row">
                    {stage.name}: {step.name}
                    {step.id === currentStep && <span className="badge info"> current</span>}
                  </th>
                  {roles.map((r) => (
                    <td key={r.id}>{step.raci[r.id] ?? ''}</td>
                  ))}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
