import { z } from 'zod';
import { IsoDate, List, Name, Reference, RequiredText } from './common';
import { strictObject } from './strict';

const text = RequiredText();

export const KpiResult = strictObject({
  kpi: Name,
  initialState: text,
  achievedState: text,
  measuredOn: IsoDate,
});
export type KpiResult = z.infer<typeof KpiResult>;

const UNCONFIRMED = 'the customer has not confirmed the outcomes: a signature or confirmation e-mail is required';

/** DOMAIN section 4: the customer confirms achieved outcomes by signature or by e-mail. */
export const CustomerConfirmation = z.discriminatedUnion(
  'kind',
  [
    strictObject({ kind: z.literal('signature'), signedBy: Name, signedOn: IsoDate }),
    strictObject({
      kind: z.literal('email'),
      from: z.email('must be the e-mail address the confirmation came from').max(254),
      messageId: Reference(),
      receivedOn: IsoDate,
    }),
  ],
  { error: (issue) => (issue.input === undefined ? UNCONFIRMED : 'must be a signature {signedBy, signedOn} or an e-mail {from, messageId, receivedOn}') },
);
export type CustomerConfirmation = z.infer<typeof CustomerConfirmation>;

export const BusinessOutcomesReport = strictObject({
  results: List(KpiResult).min(1, 'must report at least one KPI result'),
  confirmation: CustomerConfirmation,
});
export type BusinessOutcomesReport = z.infer<typeof BusinessOutcomesReport>;
