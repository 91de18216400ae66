import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { dealPagePath } from '../../../src/api/console-pages';
import { PARTNER_ADMINS } from '../../../src/domain/partner-admins';
import { api, unwrap, type Schemas } from '../api/client';
import { ClaimsTable } from '../components/claims-table';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/field';
import { formatUsd } from '../format';
import { usePageTitle } from '../page-title';
import type { Principal } from '../session';
import { VendorDecisionForm } from './vendor-decision';

const STATUSES = ['draft', 'submitted', 'accepted', 'rejected', 'paid'] as const;
type Status = (typeof STATUSES)[number];

/** Totals per fiscal quarter and status: what was claimed, what the vendor decided. */
function Totals({ claims }: { claims: Schemas['Claim'][] }) {
  const quarters = [...new Set(claims.map((c) => c.fiscalQuarter))].sort();
  const sum = (quarter: string, status?: Status) => claims.filter((c) => c.fiscalQuarter === quarter && (!status || c.status === status)).reduce((t, c) => t + c.amountUsd, 0);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Claimed amounts by quarter and status">
      <table>
        <caption>Claimed amounts by fiscal quarter and status</caption>
        <thead>
          <tr>
            <th scope="col">Quarter</th>
            {STATUSES.map((s) => (
              <th scope="col" key={s} className="num">
                {s}
              </th>
            ))}
            <th scope="col" className="num">
              total
            </th>
          </tr>
        </thead>
        <tbody>
          {quarters.map((q) => (
            <tr key={q}>
              <th scope="row">{q}</th>
              {STATUSES.map((s) => (
                <td key={s} className="num">
                  {formatUsd(sum(q, s))}
                </td>
              ))}
              <td className="num">
                <strong>{formatUsd(sum(q))}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The partner's incentive claims (GET /claims) by status and fiscal quarter, with totals and the quarter's CSV. */
export function FinancePage({ me }: { me: Principal }) {
  usePageTitle('Finance');
  const [status, setStatus] = useState('');
  const [quarter, setQuarter] = useState('');
  const [filter, setFilter] = useState<{ status?: Status; fiscalQuarter?: string }>({});
  const claims = useQuery({ queryKey: ['claims', filter], queryFn: () => unwrap(api.GET('/claims', { params: { query: filter } })) });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...(status ? { status: status as Status } : {}), ...(quarter.trim() ? { fiscalQuarter: quarter.trim() } : {}) });
  };
  return (
    <>
      <h1>Finance</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter claims">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">any</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </SelectField>
        <TextField label="Fiscal quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)} hint='e.g. "FY2022 Q3"' />
        <button type="submit">Filter</button>
      </form>
      {filter.fiscalQuarter && (
        <p>
          <a href={`/claims/export.csv?${new URLSearchParams({ fiscalQuarter: filter.fiscalQuarter })}`} download>
            Download the {filter.fiscalQuarter} export (CSV)
          </a>
        </p>
      )}
      <ErrorNotice error={claims.error} />
      {claims.data && (
        <>
          <Totals claims={claims.data.claims} />
          {me.roles.some((role) => (PARTNER_ADMINS as readonly string[]).includes(role)) && <VendorDecisionForm claims={claims.data.claims} />}
          <h2>Claims</h2>
          <ClaimsTable claims={claims.data.claims} caption="Claims" showDeal={(dealId) => <Link to={dealPagePath(me.partnerId, dealId)}>{dealId}</Link>} />
        </>
      )}
    </>
  );
}
