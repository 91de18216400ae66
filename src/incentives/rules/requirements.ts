/** A prerequisite as program files write it (see `Requirement` in the program schema). */
export type RequirementSpec = string | { milestone: string; proven: 'in-window' | 'at-all' };

export interface ReadRequirement {
  ref: string;
  proven: 'in-window' | 'at-all';
  /** Written as a bare `kind:id` by a program version from before the meaning was explicit. */
  legacy: boolean;
}

export function requirementOf(requirement: RequirementSpec): ReadRequirement {
  return typeof requirement === 'string'
    ? { ref: requirement, proven: 'in-window', legacy: true }
    : { ref: requirement.milestone, proven: requirement.proven, legacy: false };
}
