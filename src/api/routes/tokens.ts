import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { createToken, listTokens, revokeToken } from '../../db/people/api-tokens';
import { principalOf } from '../authenticate';
import { notFound } from '../errors';
import { authenticated } from '../openapi';
import { PARTNER_ADMINS } from '../../domain/partner-admins';
import { requireRole } from '../require-role';
import { errorResponses } from '../schemas/error-responses';
import { CreatedToken, CreateTokenBody, TokenList, TokenParams, TokenView } from '../schemas/tokens';

const requireManager = (principal: Parameters<typeof requireRole>[0]) => requireRole(principal, PARTNER_ADMINS, 'managing API tokens');

export function registerTokenRoutes(app: FastifyInstance, deps: { db: Db }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/tokens',
    {
      schema: {
        tags: ['people'],
        summary: 'Create an API token for a person of your partner (LEAD or EXEC); the secret is shown once',
        security: authenticated,
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      requireManager(principal);
      const { personId, name, roles, label } = request.body;
      const created = await createToken(deps.db, { person: { id: personId, name }, partnerId: principal.partnerId, roles, label, createdBy: principal.person.id });
      request.log.info({ tokenId: created.token.id, personId, roles, by: principal.person.id }, 'API token created');
      return reply.code(201).send(created);
    },
  );
  api.get(
    '/tokens',
    {
      schema: {
        tags: ['people'],
        summary: "Your partner's API tokens, revoked ones included, newest first (LEAD or EXEC); never their secrets",
        security: authenticated,
        response: { 200: TokenList, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      requireManager(principal);
      return { tokens: await listTokens(deps.db, { partnerId: principal.partnerId }) };
    },
  );
  api.delete(
    '/tokens/:tokenId',
    {
      schema: {
        tags: ['people'],
        summary: 'Revoke an API token of your partner (LEAD or EXEC); it stops working at once, on every API instance',
        security: authenticated,
        params: TokenParams,
        response: { 200: TokenView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      requireManager(principal);
      const revoked = await revokeToken(deps.db, request.params.tokenId, { revokedBy: principal.person.id, partnerId: principal.partnerId });
      if (!revoked) throw notFound(`no API token ${request.params.tokenId} at ${principal.partnerId}`);
      request.log.info({ tokenId: revoked.id, by: principal.person.id }, 'API token revoked');
      return revoked;
    },
  );
}
