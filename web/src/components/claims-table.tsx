import type { Schemas } from '../api/client';
import { formatInstant, formatUsd } from '../format';

/** Claims with their amount, status and every status change (submitted, accepted, paid...). */
export function ClaimsTable({ claims, caption, showDeal }: { claims: Schemas['Claim'][]; caption: string; showDeal?: (dealId: string) => React.ReactNode }) {
  if (claims.length === 0) return <p>No claims.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {showDeal && <th scope="col">Deal</th>}
            <th scope="col">Milestone</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">Quarter</th>
            <th scope="col">History</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => (
            <tr key={c.claimId}>
              {showDeal && <td>{showDeal(c.dealId)}</td>}
              <td>
                {c.milestone}
                <div className="muted small">{c.claimId}</div>
              </td>
              <td className="num">{formatUsd(c.amountUsd)}</td>
              <td>
                <span className={`badge ${c.status === 'paid' || c.status === 'accepted' ? 'ok' : c.status === 'rejected' ? 'danger' : 'info'}`}>{c.status}</span>
              </td>
              <td>
                {c.fiscalQuarter}
                <div className="muted small">payout {c.expectedPayoutQuarter}</div>
              </td>
              <td>
                <ol className="plain small">
                  {c.statusHistory.map((s) => (
                    <li key={`${s.status}-${s.at}`}>
                      {s.status} {formatInstant(s.at)}
                      {s.note ? `: ${s.note}` : ''}
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
