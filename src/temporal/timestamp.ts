/** Milliseconds since the epoch of a protobuf Timestamp as Temporal's API returns it (event times, close times); 0 for none. */
export const timestampMs = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): number => Number(t?.seconds ?? 0) * 1000 + Math.floor(Number(t?.nanos ?? 0) / 1e6);
