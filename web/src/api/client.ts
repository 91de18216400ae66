import createClient from 'openapi-fetch';
import { CSRF_HEADER } from '../../../src/api/csrf-header';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['Error'];

/**
 * Baton's API, typed from its OpenAPI document. Same origin: the session cookie goes along, and
 * the CSRF header lets cookie-authenticated mutations through.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  headers: { accept: 'application/json', [CSRF_HEADER]: '1' },
});

/** A refusal or failure of the API, with its one error body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }

  /** The API's 400 issues by field path, without the request part: `lineItems[0].sku`. */
  fieldErrors(part = 'body'): Map<string, string> {
    const errors = new Map<string, string>();
    for (const issue of this.body.issues ?? []) {
      const path = issue.path === part ? '' : issue.path.replace(new RegExp(`^${part}\\.?`), '');
      if (!errors.has(path)) errors.set(path, issue.message);
    }
    return errors;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).message === 'string';
}

/** The data of a successful answer; anything else throws an ApiFailure. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const body = isErrorBody(error) ? error : { error: 'internal', message: `the API answered ${response.status} ${response.statusText}` };
  throw new ApiFailure(response.status, body);
}
