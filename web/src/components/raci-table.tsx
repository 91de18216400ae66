import type { Schemas } from '../api/client';

interface Props {
  playbook: Schemas['Playbook'];
  /** The columns: every role of the playbook, or only those the deal's team holds. */
  roles: Schemas['Playbook']['roles'];
  caption: string;
  label: string;
  /** The deal's current step, marked in its row. */
  currentStep?: string | undefined;
}

/** What the playbook makes each role on every step (R, A, C, I), one row per step. */
export function RaciTable({ playbook, roles, caption, label, currentStep }: Props) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className="raci">
        <caption>{caption}</caption>
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
  );
}
