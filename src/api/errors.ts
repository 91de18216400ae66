import { z } from 'zod';

/** The body of every 4xx and 5xx: a stable code for scripts, a message for people. */
export const ErrorBody = z
  .object({
    error: z.string().describe('invalid_request, unauthorized, forbidden, not_found, conflict, unavailable (503: a dependency such as the database is down), or internal'),
    message: z.string().describe('what is wrong, naming the field and the rule for invalid input'),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('one entry per offending field, for invalid input'),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A failure the API reports to the caller as is: status, code and message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
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
export const badRequest = (message: string) => new ApiError(400, 'invalid_request', message);
