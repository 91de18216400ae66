import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../authenticate';
import { authenticated } from '../openapi';
import { PrincipalView } from '../schemas/principal';
import { errorResponses } from '../schemas/error-responses';

export function registerMeRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/me',
    {
      schema: {
        tags: ['people'],
        summary: 'Who the token belongs to: person, partner and roles',
        security: authenticated,
        response: { 200: PrincipalView, ...errorResponses(401) },
      },
    },
    async (request) => principalOf(request),
  );
}
