/** How a window stands on the forecast's day (see window-status.ts for how each is decided). */
export const WINDOW_STATUSES = ['earned', 'on-track', 'at-risk', 'escalated', 'missed'] as const;
export type WindowStatus = (typeof WINDOW_STATUSES)[number];

/** One milestone of one deal's incentive window, as the forecast sees it. */
export interface WindowForecast {
  workflowId: string;
  partnerId: string;
  dealId: string;
  customerName: string;
  architecture: string;
  stage: string;
  /** The deal's account manager (first AM on the team), the person answerable for it. */
  owner: string;
  incentive: string;
  /** The claim's milestone name, as `baton quote` names it. */
  milestone: string;
  label: string;
  /** The deal's deadline the window runs under (its id), or the milestone's name when none was opened. */
  windowId: string;
  /** The window's last day (inclusive), moved by an `extend` what-if. */
  lastDay: string;
  status: WindowStatus;
  /** Exactly `baton quote`'s amount on the same facts and day: what is claimable now. */
  quotedUsd: number;
  /** Dollars still in play: the quoted amount once earned, what proof would pay while open, 0 once missed. */
  atStakeUsd: number;
  /** What proof would have paid, once the window closed without it. */
  missedUsd: number;
  /** The fiscal quarter the money is (or would have been) paid in, on the program's fiscal calendar. */
  paidIn: string;
  /** That quarter's last day. */
  paidInEndsOn: string;
  /** Why: the quote's reason, or the ladder rung that makes it at risk or escalated. */
  why: string;
}
