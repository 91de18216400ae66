import type { Schemas } from '../api/client';
import { formatInstant } from '../format';

/** The business history in time order: when, who, what and why, each with its raw Temporal history. */
export function TimelineSection({ timeline }: { timeline: Schemas['Timeline'] }) {
  const items = [...timeline.items].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      {timeline.historyUrl && (
        <p>
          <a href={timeline.historyUrl} target="_blank" rel="noreferrer">
            Raw event history in the Temporal Web UI
          </a>
        </p>
      )}
      <ol className="timeline">
        {items.map((item) => (
          <li key={item.id}>
            <time dateTime={item.at}>{formatInstant(item.at)}</time>
            <div>
              <strong>{item.actorName ?? item.actor ?? 'Baton'}</strong> {item.summary}
              {item.reason && <div className="muted">Why: {item.reason}</div>}
              {item.historyUrl && (
                <div className="small">
                  <a href={item.historyUrl} target="_blank" rel="noreferrer">
                    Temporal event history<span className="visually-hidden"> of {item.type} at {formatInstant(item.at)}</span>
                  </a>
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
