import { TextField } from '../components/field';
import { TEAM_ROLES, type PersonForm, type TeamRole } from './booking-form';

interface Props {
  team: Record<TeamRole, PersonForm>;
  errors: Map<string, string>;
  onChange(team: Record<TeamRole, PersonForm>): void;
}

/** The deal's team per RACI role; a role left blank is not on the team. */
export function TeamFieldset({ team, errors, onChange }: Props) {
  return (
    <fieldset>
      <legend>Team</legend>
      {errors.get('team') && <p className="field-error">{errors.get('team')}</p>}
      {TEAM_ROLES.map(({ role, name }) => (
        <div className="line" key={role} role="group" aria-label={name}>
          <TextField
            label={`${name} (${role}): name`}
            value={team[role].name}
            autoComplete="off"
            onChange={(e) => onChange({ ...team, [role]: { ...team[role], name: e.target.value } })}
            error={errors.get(`team.${role}`) ?? errors.get(`team.${role}[0].name`)}
          />
          <TextField
            label={`${name} (${role}): e-mail`}
            type="email"
            autoComplete="off"
            value={team[role].email}
            onChange={(e) => onChange({ ...team, [role]: { ...team[role], email: e.target.value } })}
            error={errors.get(`team.${role}[0].id`)}
          />
        </div>
      ))}
    </fieldset>
  );
}
