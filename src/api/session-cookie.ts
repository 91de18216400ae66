import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from './csrf-header';
import { forbidden } from './errors';

/**
 * The console's session: the person's API token in an HttpOnly, SameSite=Strict cookie, so page
 * scripts never read it and other sites never send it. Every request re-authenticates the token
 * against the tokens file, so revoking a token ends its sessions.
 */
export const SESSION_COOKIE = 'baton_session';

/** Refuses a console request that changes something without the CSRF header (403, nothing changed). */
export function requireCsrfHeader(request: FastifyRequest): void {
  if (!request.headers[CSRF_HEADER]) {
    throw forbidden(`a request with the console's session cookie that changes something must carry the ${CSRF_HEADER} header`);
  }
}

export interface SessionCookieOptions {
  /** Secure cookies when the console is reached over HTTPS (BATON_PUBLIC_URL). */
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, options: SessionCookieOptions): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' });
}
