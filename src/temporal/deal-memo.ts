import { z } from 'zod';

/** A playbook or program version, as a deal names what it runs under. */
export const VersionRef = z.object({ id: z.string(), version: z.number().int() });
export type VersionRef = z.infer<typeof VersionRef>;

/**
 * What a deal runs under, written in its workflow's memo when the client starts it, so that the
 * API reads it with `describe()` instead of decoding the start event. The memo is the client's:
 * the workflow never reads it and no workflow command depends on it.
 */
export const DealMemo = z.object({ playbook: VersionRef, program: VersionRef });
export type DealMemo = z.infer<typeof DealMemo>;

export function dealMemo(playbook: VersionRef, program: VersionRef): DealMemo {
  return { playbook: { id: playbook.id, version: playbook.version }, program: { id: program.id, version: program.version } };
}

/** The memo of a deal, or undefined for deals registered before Baton wrote one. */
export function readDealMemo(memo: Record<string, unknown> | undefined): DealMemo | undefined {
  const result = DealMemo.safeParse(memo);
  return result.success ? result.data : undefined;
}
