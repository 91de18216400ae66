import type { Incentive, Milestone, Program } from './program-schema';

/*
 * The one owner of milestone names. A program milestone is named `<incentive kind>:<id>`
 * (`adopt:success-plan`); a milestone that claims once per occurrence (an expansion booking) is
 * named per occurrence, `<kind>:<id>-<n>` (`expand:booking-2`), n counted from 1.
 */

export function milestoneRef(incentive: Pick<Incentive, 'kind'>, milestone: Pick<Milestone, 'id'>): string {
  return `${incentive.kind}:${milestone.id}`;
}

/** The claim's milestone name: the milestone's, plus `-<n>` for the nth occurrence. */
export function claimMilestoneName(ref: string, occurrence: number | undefined): string {
  return occurrence === undefined ? ref : `${ref}-${occurrence}`;
}

/** Whether the milestone claims once per occurrence rather than once per deal. */
export function claimsPerOccurrence(milestone: Pick<Milestone, 'proof'>): boolean {
  return milestone.proof.type === 'expansion-booking';
}

export interface ParsedMilestone {
  incentive: Incentive;
  milestone: Milestone;
  /** `kind:id` */
  ref: string;
  /** For per-occurrence milestones, which occurrence (1 = the first). */
  occurrence?: number;
}

/** The program milestone a claim's milestone name refers to, or undefined for a name it does not know. */
export function parseMilestoneName(program: Program, name: string): ParsedMilestone | undefined {
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
