/**
 * How a deal's or a handoff's update validator says no, part of both workflows' contract: the
 * failure's type tells the client which answer it is (the API maps them to 403, 400 and 409), and
 * its message is the reason. A validator's refusal writes nothing to the workflow's history.
 */
export const REFUSAL = {
  /** The RACI does not let the actor do this on the deal's current team. */
  forbidden: 'ActionForbidden',
  /** Usage evidence in words the deal's program does not read; details: one EvidenceProblem each. */
  invalidEvidence: 'InvalidEvidence',
  /** The deal's state or records do not allow it now. */
  refused: 'ActionRefused',
} as const;

export type RefusalType = (typeof REFUSAL)[keyof typeof REFUSAL];

/** One field of usage evidence the program does not read, the path relative to the evidence. */
export interface EvidenceProblem {
  path: string[];
  rule: string;
}
