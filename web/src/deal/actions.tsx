import { useState, type FormEvent } from 'react';
import { AttestationRecord, ExpansionBook, OutcomesRecord } from '../../../src/domain/schemas/actions';
import { UsageEvidence } from '../../../src/domain/schemas/evidence';
import { SuccessPlan } from '../../../src/domain/schemas/success-plan';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/field';
import { EXPANSION_LINES_EXAMPLE, OUTCOMES_EXAMPLE, SUCCESS_PLAN_EXAMPLE, USAGE_EXAMPLE } from './examples';
import { JsonActionForm } from './json-action';
import { useDealAction } from './use-deal';

interface Props {
  deal: Schemas['Deal'];
  actions: string[];
}

function CompleteStep({ deal }: { deal: Schemas['Deal'] }) {
  const step = deal.step;
  const complete = useDealAction(deal.dealId, (id: string) => unwrap(api.POST('/deals/{dealId}/actions/step.complete', { params: { path: { dealId: deal.dealId } }, body: { step: id } })));
  if (!step) return null;
  return (
    <div className="card">
      <h3>Step {step.name}</h3>
      <button type="button" onClick={() => complete.mutate(step.id)} disabled={complete.isPending}>
        Complete step {step.name}
      </button>
      <ErrorNotice error={complete.error} />
    </div>
  );
}

function Reassign({ deal }: { deal: Schemas['Deal'] }) {
  const roles = Object.keys(deal.team).filter((r) => (deal.team[r]?.length ?? 0) > 0);
  const [role, setRole] = useState(roles[0] ?? 'AM');
  const [from, setFrom] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const current = deal.team[role] ?? [];
  const reassign = useDealAction(deal.dealId, () =>
    unwrap(
      api.POST('/deals/{dealId}/actions/owner.reassign', {
        params: { path: { dealId: deal.dealId } },
        body: { role: role as 'AM', from: from || (current[0]?.id ?? ''), to: { id: email, name } },
      }),
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reassign.mutate(undefined);
  };
  return (
    <form className="card" onSubmit={submit}>
      <h3>Reassign a role</h3>
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
        {roles.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </SelectField>
      <SelectField label="From" value={from || current[0]?.id} onChange={(e) => setFrom(e.target.value)}>
        {current.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField label="To: name" value={name} onChange={(e) => setName(e.target.value)} />
      <TextField label="To: e-mail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <button type="submit" disabled={reassign.isPending}>
        Reassign
      </button>
      <ErrorNotice error={reassign.error} />
    </form>
  );
}

// Each fact names its identity (the order's reference, the report's id): the same one again changes nothing.
const ExpansionDocument = ExpansionBook.pick({ orderRef: true, bookedOn: true, lineItems: true });
const OutcomesDocument = OutcomesRecord.pick({ reportId: true, report: true });
const AttestationDocument = AttestationRecord.pick({ attestation: true, evidence: true });

/** Every action the signed-in person may take on the deal now (GET /deals/{id}/permissions), and no others. */
export function DealActions({ deal, actions }: Props) {
  const dealId = deal.dealId;
  const params = { params: { path: { dealId } } };
  const may = (type: string) => actions.includes(type);
  const offered = ['step.complete', 'owner.reassign', 'successPlan.submit', 'successPlan.revise', 'outcomes.record', 'usage.record', 'expansion.book'].filter(may);
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">What you can do</h2>
      {offered.length === 0 && <p>The playbook gives you no action on this deal at its current step.</p>}
      <div className="cards">
        {may('step.complete') && <CompleteStep deal={deal} />}
        {may('successPlan.submit') && (
          <JsonActionForm dealId={dealId} title="Submit the success plan" field="plan" schema={SuccessPlan} example={SUCCESS_PLAN_EXAMPLE} send={(plan) => unwrap(api.POST('/deals/{dealId}/actions/successPlan.submit', { ...params, body: { plan } }))} />
        )}
        {may('successPlan.revise') && (
          <JsonActionForm dealId={dealId} title="Revise the success plan" field="plan" schema={SuccessPlan} example={SUCCESS_PLAN_EXAMPLE} send={(plan) => unwrap(api.POST('/deals/{dealId}/actions/successPlan.revise', { ...params, body: { plan } }))} />
        )}
        {may('outcomes.record') && (
          <JsonActionForm dealId={dealId} title="Record business outcomes" field="outcomes" schema={OutcomesDocument} example={{ reportId: 'outcomes-1', report: OUTCOMES_EXAMPLE }} send={(outcomes) => unwrap(api.POST('/deals/{dealId}/actions/outcomes.record', { ...params, body: outcomes }))} />
        )}
        {may('usage.record') && (
          <JsonActionForm dealId={dealId} title="Record usage evidence" field="evidence" schema={UsageEvidence} example={USAGE_EXAMPLE} send={(evidence) => unwrap(api.POST('/deals/{dealId}/actions/usage.record', { ...params, body: { evidence } }))} />
        )}
        {may('expansion.book') && (
          <JsonActionForm
            dealId={dealId}
            title="Book an expansion"
            field="expansion"
            schema={ExpansionDocument}
            example={{ orderRef: 'SO-0001', bookedOn: new Date().toISOString().slice(0, 10), lineItems: EXPANSION_LINES_EXAMPLE }}
            send={(expansion) => unwrap(api.POST('/deals/{dealId}/actions/expansion.book', { ...params, body: expansion }))}
          />
        )}
        {may('attestation.record') && (
          <JsonActionForm
            dealId={dealId}
            title="Record an attestation"
            field="attestation"
            schema={AttestationDocument}
            example={{ attestation: 'value-added-selling', evidence: { reference: 'crm://opportunity/…', description: 'what was sold beyond the licences' } }}
            send={(attestation) => unwrap(api.POST('/deals/{dealId}/actions/attestation.record', { ...params, body: attestation }))}
          />
        )}
        {may('owner.reassign') && <Reassign deal={deal} />}
      </div>
    </section>
  );
}
