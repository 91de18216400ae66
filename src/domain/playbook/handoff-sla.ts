/**
 * A handoff's SLA: whole days (`slaDays`) or an exact ISO-8601 duration of days and time (`sla`,
 * e.g. `PT20S`, `P1DT12H`) for windows shorter than a day: drills, demos and fault tests. No
 * years, months or weeks: their length depends on the calendar. Pure, so workflows use it.
 */

export const SLA_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const MS_PER_SECOND = 1000;

/** Milliseconds of an SLA duration; undefined when it is not one or is zero. */
export function slaDurationMs(duration: string): number | undefined {
  const match = SLA_DURATION.exec(duration);
  if (!match || duration.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number];
  const ms = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * MS_PER_SECOND;
  return ms > 0 ? ms : undefined;
}

/** The SLA fields of a handoff template (schema.ts). */
interface SlaFields {
  slaDays?: number;
  sla?: string;
}

/** How long the receiving side has to accept, from the moment the handoff starts. */
export function handoffSlaMs(template: SlaFields): number {
  if (template.sla !== undefined) {
    const ms = slaDurationMs(template.sla);
    if (ms === undefined) throw new RangeError(`not an SLA duration: ${template.sla}`);
    return ms;
  }
  return (template.slaDays ?? 0) * 24 * 60 * 60 * MS_PER_SECOND;
}

/** The SLA as people read it: `14 days`, or the duration as written. */
export function describeHandoffSla(template: SlaFields): string {
  return template.sla ?? `${template.slaDays} days`;
}
