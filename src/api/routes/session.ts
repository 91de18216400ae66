import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Principal, TokenStore } from '../../auth/token-store';
import { readDevPeople } from '../../auth/dev-people';
import { notFound, unauthorized } from '../errors';
import { open } from '../openapi';
import { errorResponses } from '../schemas/error-responses';
import { PrincipalView } from '../schemas/principal';
import { DevPeople, DevSignIn, SignedOut, SignIn } from '../schemas/session';
import { CSRF_HEADER } from '../csrf-header';
import { clearSessionCookie, requireCsrfHeader, setSessionCookie, type SessionCookieOptions } from '../session-cookie';

export interface SessionRouteOptions {
  tokens: TokenStore;
  tokensFile: string;
  cookie: SessionCookieOptions;
  /** BATON_DEV_LOGIN: offer the development tokens file's people to sign in as, without a token. */
  devLogin: boolean;
}

const principalView = (p: Principal) => ({ person: { id: p.person.id, name: p.person.name }, partnerId: p.partnerId, roles: p.roles });

/** The console's sign-in: a token (or, in development, a person) becomes an HttpOnly session cookie. */
export function registerSessionRoutes(app: FastifyInstance, options: SessionRouteOptions): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const csrf = `Needs the \`${CSRF_HEADER}\` header, which no other site can send.`;

  api.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in to the console with an API token',
        description: `Sets the session cookie (HttpOnly, SameSite=Strict) holding the token; later requests need no Authorization header. ${csrf}`,
        security: open,
        body: SignIn,
        response: { 200: PrincipalView, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      const principal = await options.tokens.authenticate(request.body.token);
      if (!principal) throw unauthorized('unknown or revoked token');
      setSessionCookie(reply, request.body.token, options.cookie);
      request.log.info({ person: principal.person.id, partnerId: principal.partnerId }, 'console sign-in');
      return principalView(principal);
    },
  );

  api.delete(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out of the console',
        description: `Clears the session cookie. ${csrf}`,
        security: open,
        response: { 200: SignedOut, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      clearSessionCookie(reply, options.cookie);
      return { signedOut: true as const };
    },
  );

  if (!options.devLogin) return;

  api.get(
    '/session/dev-people',
    {
      schema: {
        tags: ['session'],
        summary: 'Development only (BATON_DEV_LOGIN): the people the console offers to sign in as',
        description: 'The entries of the tokens file whose secret is written in the comment above them, as config/tokens.dev.yaml has.',
        security: open,
        response: { 200: DevPeople },
      },
    },
    async () => ({ people: (await readDevPeople(options.tokensFile)).map(principalView) }),
  );

  api.post(
    '/session/dev',
    {
      schema: {
        tags: ['session'],
        summary: 'Development only (BATON_DEV_LOGIN): sign in as one of the development people',
        description: `Sets the session cookie with that person's development token, which never reaches the browser's scripts. ${csrf}`,
        security: open,
        body: DevSignIn,
        response: { 200: PrincipalView, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      const wanted = request.body.personId.toLowerCase();
      const person = (await readDevPeople(options.tokensFile)).find((p) => p.person.id.toLowerCase() === wanted);
      if (!person) throw notFound(`body.personId: ${request.body.personId} is not one of the development people`);
      setSessionCookie(reply, person.secret, options.cookie);
      request.log.info({ person: person.person.id, partnerId: person.partnerId }, 'console development sign-in');
      return principalView(person);
    },
  );
}
