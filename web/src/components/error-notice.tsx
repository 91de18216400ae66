import { ApiFailure } from '../api/client';

/** What went wrong, in the API's own words (it names the field, the rule or the RACI reason). */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiFailure ? `${error.status} ` : '';
  return (
    <div className="notice error" role="alert">
      <strong>{error instanceof ApiFailure && error.status === 403 ? 'Refused' : 'Could not complete'}</strong>: {message}
      {status && <span className="muted"> (HTTP {status.trim()})</span>}
    </div>
  );
}
