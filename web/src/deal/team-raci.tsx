import type { Schemas } from '../api/client';
import { RaciTable } from '../components/raci-table';

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
      <RaciTable playbook={playbook} roles={roles} caption="R responsible, A accountable, C consulted, I informed" label="RACI of the team per step" currentStep={currentStep} />
    </section>
  );
}
