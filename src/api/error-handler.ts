import type { FastifyError, FastifyInstance } from 'fastify';
import { classifyDatabaseError } from '../db/database-errors';
import { DealBusyError } from '../temporal/safe-query';
import type { ConsoleSite } from './console';
import { ApiError, type ErrorBody } from './errors';
import { RequestValidationError } from './validation';

const codeByStatus: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/**
 * The one place failures become responses: invalid input is a 400 naming each field and rule;
 * ApiErrors keep their status; Fastify's own 4xx (malformed JSON, wrong content type...) keep
 * theirs; Baton's database being unreachable is a 503 with the reason and a constraint the
 * database enforced a 409, never a 500; anything else is a 500 that says nothing about internals
 * and is logged in full. A browser navigating to an unknown path gets the console's page, which says so.
 */
export function installErrorHandler(app: FastifyInstance, consoleSite?: ConsoleSite): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof RequestValidationError) {
      const body: ErrorBody = { error: 'invalid_request', message: err.message, issues: err.issues };
      return reply.code(400).send(body);
    }
    if (err instanceof ApiError) {
      const body: ErrorBody = { error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
      return reply.code(err.statusCode).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const body: ErrorBody = { error: codeByStatus[status] ?? 'invalid_request', message: err.message };
      return reply.code(status).send(body);
    }
    if (err instanceof DealBusyError) {
      request.log.warn({ err }, 'request not answered: the deal is busy');
      const body: ErrorBody = { error: 'unavailable', message: "the deal cannot answer now (its worker is away, or it is taking too many actions at once); try again shortly" };
      return reply.code(503).header('retry-after', '5').send(body);
    }
    const database = classifyDatabaseError(err);
    if (database?.kind === 'unavailable') {
      request.log.error({ err }, "request failed: Baton's database is unavailable");
      const body: ErrorBody = { error: 'unavailable', message: "Baton's database is unavailable right now; try again shortly" };
      return reply.code(503).header('retry-after', '5').send(body);
    }
    if (database?.kind === 'constraint') {
      request.log.warn({ err }, 'request refused by a database constraint');
      const body: ErrorBody = { error: 'conflict', message: `the change conflicts with what is stored (${database.constraint}); reload and try again` };
      return reply.code(409).send(body);
    }
    request.log.error({ err }, 'request failed');
    const body: ErrorBody = { error: 'internal', message: 'Baton could not complete the request; the error is in the server log' };
    return reply.code(500).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const page = consoleSite?.notFoundPage(request, reply);
    if (page) return page;
    const body: ErrorBody = { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` };
    return reply.code(404).send(body);
  });
}
