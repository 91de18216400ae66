import { isoDateOfInstant } from '../../src/domain/calendar';

/**
 * The deal's business time. In production it is workflow time; a simulation shifts it so that
 * the deal is booked when its workflow starts. While a timer's effects are applied, "now" is the
 * instant they were due, so that what they record does not depend on when the activation ran.
 */
export class BusinessClock {
  private dueInstant: number | undefined;

  constructor(
    private readonly workflowNow: () => number,
    private readonly shiftMs: number,
  ) {}

  now(): number {
    return this.dueInstant ?? this.workflowNow() + this.shiftMs;
  }

  /** The business day, YYYY-MM-DD. */
  today(): string {
    return isoDateOfInstant(this.now());
  }

  /** Runs `apply` as of the instant something fell due. */
  at<T>(instant: number, apply: () => T): T {
    this.dueInstant = instant;
    try {
      return apply();
    } finally {
      this.dueInstant = undefined;
    }
  }
}

export const isoInstant = (ms: number): string => new Date(ms).toISOString();
