import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Principal, TokenStore } from '../auth/token-store';
import { unauthorized } from './errors';
import { requireCsrfHeader, SESSION_COOKIE } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token a request presents: the bearer header (CLI, scripts) or the console's session cookie. */
function presentedToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header) {
    const secret = header.match(BEARER)?.[1];
    if (!secret) throw unauthorized('the Authorization header must be "Bearer <token>"');
    return secret;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) throw unauthorized('missing the Authorization header: send "Authorization: Bearer <token>", or sign in to the console');
  if (!SAFE_METHODS.has(request.method)) requireCsrfHeader(request);
  return cookie;
}

/**
 * Resolves `Authorization: Bearer <token>` or the console's session cookie to the caller and
 * binds their id and partner to the request's logger. The token itself never reaches a log line.
 */
export function authenticateWith(tokens: TokenStore): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('WWW-Authenticate', 'Bearer realm="baton"');
    const principal = await tokens.authenticate(presentedToken(request));
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
