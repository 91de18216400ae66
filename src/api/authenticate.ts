import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Principal, TokenStore } from '../auth/token-store';
import { unauthorized } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Resolves `Authorization: Bearer <token>` to the caller and binds their id and partner to the
 * request's logger. The token itself never reaches a log line.
 */
export function authenticateWith(tokens: TokenStore): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const secret = header?.match(BEARER)?.[1];
    reply.header('WWW-Authenticate', 'Bearer realm="baton"');
    if (!header) throw unauthorized('missing the Authorization header: send "Authorization: Bearer <token>"');
    if (!secret) throw unauthorized('the Authorization header must be "Bearer <token>"');
    const principal = await tokens.authenticate(secret);
    if (!principal) throw unauthorized('unknown or revoked token');
    reply.removeHeader('WWW-Authenticate');
    request.principal = principal;
    request.log = request.log.child({ person: principal.person.id, partnerId: principal.partnerId });
  };
}

/** The caller of a route behind `authenticateWith`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('not authenticated');
  return request.principal;
}
