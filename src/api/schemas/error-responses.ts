import { ErrorBody } from '../errors';

/**
 * The documented error responses of a route, all with the one error body: 400 invalid input
 * (fields and rules named), 401 no or unknown token, 403 refused by the RACI or the caller's
 * partner, 404 no such deal for the caller's partner, 409 the deal's state forbids the move.
 */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}
