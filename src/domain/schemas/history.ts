import { z } from 'zod';
import { AttestationRecord, ExpansionBook, OutcomesRecord, SuccessPlanRevise, SuccessPlanSubmit, UsageRecord } from './actions';
import { IsoDate, List } from './common';
import { strictObject } from './strict';

/**
 * Facts that happened before a deal entered Baton, each with the day it happened. Only an import
 * carries them (registration through `POST /deals` refuses the key): the everyday actions are
 * dated by the deal's own clock, and this is the one audited way to enter a past-dated fact.
 */
export const HistoricalAction = z.discriminatedUnion('type', [SuccessPlanSubmit, SuccessPlanRevise, OutcomesRecord, UsageRecord, ExpansionBook, AttestationRecord]);
export type HistoricalAction = z.infer<typeof HistoricalAction>;

export const HistoricalFact = strictObject({ on: IsoDate, action: HistoricalAction });
export type HistoricalFact = z.infer<typeof HistoricalFact>;

export const DealHistory = List(HistoricalFact);
export type DealHistory = z.infer<typeof DealHistory>;

/**
 * Why the history's days do not fit the deal, one `path: rule` each: a fact cannot precede the
 * booking or follow the day of the import (`today`). Empty when every day fits.
 */
export function historyDayProblems(bookedOn: string, history: readonly HistoricalFact[], today: string): string[] {
  return history.flatMap((fact, i) => {
    if (fact.on < bookedOn) return [`[${i}].on: ${fact.on} is before the booking on ${bookedOn}`];
    if (fact.on > today) return [`[${i}].on: ${fact.on} is after today (${today}): only facts that already happened are imported`];
    return [];
  });
}
