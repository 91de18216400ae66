/**
 * A question asked of the forecast without changing anything: each answer is the forecast
 * recomputed on altered inputs, never a write.
 *
 * - `extend`: a deal's window (a deadline id, e.g. `adopt-success-plan`) closes N days later.
 * - `slip`: a deal runs N days late: it is judged as if its business day were N days on
 *   (ladder rungs and window ends arrive N days sooner for the same progress).
 * - `advanced`: a partner holds the advanced specialization (eligibility, caps, percentages).
 */
export type WhatIf =
  | { kind: 'extend'; dealId: string; deadlineId: string; days: number }
  | { kind: 'slip'; dealId: string; days: number }
  | { kind: 'advanced'; partnerId: string };

const PATTERNS: { re: RegExp; build: (m: RegExpMatchArray) => WhatIf }[] = [
  { re: /^extend:([^:]+):([^:]+):(\d+)$/, build: (m) => ({ kind: 'extend', dealId: m[1]!, deadlineId: m[2]!, days: Number(m[3]) }) },
  { re: /^slip:([^:]+):(\d+)$/, build: (m) => ({ kind: 'slip', dealId: m[1]!, days: Number(m[2]) }) },
  { re: /^advanced:([^:]+)$/, build: (m) => ({ kind: 'advanced', partnerId: m[1]! }) },
];

export const WHAT_IF_SYNTAX = 'extend:<dealId>:<deadlineId>:<days> | slip:<dealId>:<days> | advanced:<partnerId>';

/** `extend:D-1:adopt-success-plan:30`, `slip:D-1:14`, `advanced:northwind`; undefined when it is none of these. */
export function parseWhatIf(text: string): WhatIf | undefined {
  for (const { re, build } of PATTERNS) {
    const m = text.match(re);
    if (m) return build(m);
  }
  return undefined;
}

export function describeWhatIf(w: WhatIf): string {
  switch (w.kind) {
    case 'extend':
      return `deal ${w.dealId}: ${w.deadlineId} extended by ${w.days} days`;
    case 'slip':
      return `deal ${w.dealId} slips ${w.days} days`;
    case 'advanced':
      return `partner ${w.partnerId} becomes advanced`;
  }
}
