import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { fieldProblems, formatPath } from '../domain/schemas/errors';
import type { IssueBody } from './errors';

/** A request part (body, querystring, params, headers) that failed its zod schema. */
export class RequestValidationError extends Error {
  readonly issues: IssueBody[];

  constructor(part: string, error: z.ZodError) {
    const issues = fieldProblems(error).map((p) => ({ path: joinPath(part, p.path), message: p.rule, ...(p.suggestion ? { suggestion: p.suggestion } : {}) }));
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

function joinPath(part: string, path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return part;
  const rest = formatPath(path);
  return rest.startsWith('[') ? `${part}${rest}` : `${part}.${rest}`;
}

/**
 * Validates with the route's zod schema and keeps zod's own issues, so the 400 names each field
 * as `body.lineItems[0].netValueUsd` with its rule. Fastify marks the returned error as a
 * validation error of that part.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(httpPart ?? 'request', result.error) };
  };
