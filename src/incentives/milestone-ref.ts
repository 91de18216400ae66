/*
 * The one owner of milestone names. A program milestone is named `<incentive kind>:<id>`
 * (`adopt:success-plan`); a milestone that claims once per occurrence (an expansion booking) is
 * named per occurrence, `<kind>:<id>-<n>` (`expand:booking-2`), n counted from 1. Typed by shape
 * so the program schema can name its milestones with it too.
 */

interface MilestoneShape {
  id: string;
  proof: { type: string };
}

interface IncentiveShape<M extends MilestoneShape> {
  kind: string;
  milestones: readonly M[];
}

export function milestoneRef(incentive: { kind: string }, milestone: { id: string }): string {
  return `${incentive.kind}:${milestone.id}`;
}

/** The claim's milestone name: the milestone's, plus `-<n>` for the nth occurrence. */
export function claimMilestoneName(ref: string, occurrence: number | undefined): string {
  return occurrence === undefined ? ref : `${ref}-${occurrence}`;
}

/** Whether the milestone claims once per occurrence rather than once per deal. */
export function claimsPerOccurrence(milestone: MilestoneShape): boolean {
  return milestone.proof.type === 'expansion-booking';
}

export interface ParsedMilestone<I, M> {
  incentive: I;
  milestone: M;
  /** `kind:id` */
  ref: string;
  /** For per-occurrence milestones, which occurrence (1 = the first). */
  occurrence?: number;
}

/** The program milestone a claim's milestone name refers to, or undefined for a name it does not know. */
export function parseMilestoneName<M extends MilestoneShape, I extends IncentiveShape<M>>(
  program: { incentives: readonly I[] },
  name: string,
): ParsedMilestone<I, I['milestones'][number]> | undefined {
  for (const incentive of program.incentives) {
    for (const milestone of incentive.milestones) {
      const ref = milestoneRef(incentive, milestone);
      if (!claimsPerOccurrence(milestone)) {
        if (name === ref) return { incentive, milestone, ref };
        continue;
      }
      const occurrence = /^-([1-9]\d*)$/.exec(name.slice(ref.length));
      if (name.startsWith(ref) && occurrence) return { incentive, milestone, ref, occurrence: Number(occurrence[1]) };
    }
  }
  return undefined;
}
