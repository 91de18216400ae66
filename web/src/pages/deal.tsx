import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiFailure } from '../api/client';
import { ClaimsTable } from '../components/claims-table';
import { ErrorNotice } from '../components/error-notice';
import { DealActions } from '../deal/actions';
import { Deadlines } from '../deal/deadlines';
import { HandoffPanel } from '../deal/handoff';
import { HealthSection } from '../deal/health';
import { Lifecycle } from '../deal/lifecycle';
import { TeamRaci } from '../deal/team-raci';
import { TimelineSection } from '../deal/timeline';
import { useDeal } from '../deal/use-deal';
import { usePageTitle } from '../page-title';
import type { Principal } from '../session';

export function DealPage({ me }: { me: Principal }) {
  const { partnerId = '', dealId = '' } = useParams();
  usePageTitle(`Deal ${dealId}`);
  const [notice, setNotice] = useState((useLocation().state as { notice?: string } | null)?.notice);
  const { detail, timeline, playbook, permissions, claims } = useDeal(dealId);
  if (partnerId !== me.partnerId) {
    return (
      <>
        <h1>Deal {dealId}</h1>
        <p className="notice error" role="alert">
          This deal belongs to partner {partnerId}; you are signed in for {me.partnerId}. Sign out and sign in as a person of {partnerId}.
        </p>
      </>
    );
  }
  const deal = detail.data;
  const customer = timeline.data?.items.find((i) => i.type === 'deal.registered')?.details.customer;
  return (
    <>
      <h1>
        Deal {dealId}
        {typeof customer === 'string' && <span className="muted"> · {customer}</span>}
      </h1>
      <p className={notice ? 'notice ok' : 'visually-hidden'} role="status">
        {notice}
      </p>
      {detail.error instanceof ApiFailure && detail.error.status === 404 ? <p role="alert">There is no deal {dealId} for partner {me.partnerId}.</p> : <ErrorNotice error={detail.error} />}
      {detail.isPending && <p role="status">Loading the deal…</p>}
      {deal && (
        <>
          <p className="summary">
            Stage <strong>{deal.stage?.name ?? '—'}</strong>, step <strong>{deal.step?.name ?? '—'}</strong>
            {deal.historyUrl && (
              <>
                {' '}
                ·{' '}
                <a href={deal.historyUrl} target="_blank" rel="noreferrer">
                  Workflow in the Temporal Web UI
                </a>
              </>
            )}
          </p>
          {playbook.data && <Lifecycle playbook={playbook.data} currentStep={deal.step?.id} completed={deal.completed} />}
          <section aria-labelledby="handoffs">
            <h2 id="handoffs">Open handoffs</h2>
            {deal.openHandoffs.length === 0 && <p>No open handoff.</p>}
            {deal.openHandoffs.map((h) => (
              <HandoffPanel key={h.templateId} dealId={dealId} item={h} allowed={permissions.data?.handoffs.find((p) => p.templateId === h.templateId)} onDone={setNotice} />
            ))}
          </section>
          {permissions.data && <DealActions deal={deal} actions={permissions.data.actions} />}
          <Deadlines dealId={dealId} deadlines={deal.deadlines} actions={permissions.data?.actions ?? []} />
          {playbook.data && <TeamRaci playbook={playbook.data} team={deal.team} currentStep={deal.step?.id} />}
          {!deal.completed && <HealthSection dealId={dealId} timeline={timeline.data} />}
          <section aria-labelledby="claims">
            <h2 id="claims">Claims</h2>
            <ClaimsTable claims={claims.data?.claims ?? deal.claims} caption="Incentive claims of this deal, with the vendor's decisions" />
            {deal.ineligibleClaims.length > 0 && (
              <>
                <h3>Not eligible</h3>
                <ul>
                  {deal.ineligibleClaims.map((c) => (
                    <li key={`${c.milestone}-${c.at}`}>
                      {c.milestone}: {c.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {timeline.data && <TimelineSection timeline={timeline.data} />}
        </>
      )}
    </>
  );
}
