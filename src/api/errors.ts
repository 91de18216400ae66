import { z } from 'zod';

/** One offending field of invalid input. */
export const IssueBody = z.object({
  path: z.string().describe('the field, e.g. body.lineItems[0].netValueUsd'),
  message: z.string().describe('the rule it broke, e.g. "must be zero or more" or "unknown field; did you mean enterpriseAgreement?"'),
  suggestion: z.string().optional().describe('for an unknown field: the closest known field name'),
});
export type IssueBody = z.infer<typeof IssueBody>;

/** The body of every 4xx and 5xx: a stable code for scripts, a message for people. */
export const ErrorBody = z
  .object({
    error: z.string().describe('invalid_request, unauthorized, forbidden, not_found, conflict, unavailable (503: a dependency such as the database is down), or internal'),
    message: z.string().describe('what is wrong, naming the field and the rule for invalid input'),
    issues: z
      .array(IssueBody)
      .optional()
      .describe('one entry per offending field, for invalid input'),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A failure the API reports to the caller as is: status, code, message and, for invalid input, the fields. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: IssueBody[],
  ) {
    super(message);
  }
}

export const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);
/** RACI and partner refusals: the caller may not do this. */
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
/** Also used for another partner's deal, so that its existence is never revealed. */
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
/** The deal's state does not allow the move (illegal transition, handoff already accepted...). */
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
/** A dependency has not caught up (the read model behind a deal just registered): try again shortly. */
export const unavailable = (message: string) => new ApiError(503, 'unavailable', message);
export const badRequest = (message: string) => new ApiError(400, 'invalid_request', message);
/** Input that is well-formed but names what does not exist (a program, a use case): a 400 per field. */
export const invalidFields = (issues: IssueBody[]) => new ApiError(400, 'invalid_request', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
