import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from './session-cookie';

export const BEARER = 'bearerToken';
export const COOKIE = 'sessionCookie';
/** For `schema.security` of routes that need a token (either way), and of those that do not. */
export const authenticated: Array<Record<string, string[]>> = [{ [BEARER]: [] }, { [COOKIE]: [] }];
export const open: Array<Record<string, string[]>> = [];

/**
 * The OpenAPI document is generated from the routes' zod schemas (the single source), served as
 * `GET /openapi.json`, and browsable at `/docs`.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Baton API',
        version,
        description:
          'Lifecycle handoff orchestration: every booked deal is a durable Temporal workflow. Authenticate with ' +
          '`Authorization: Bearer <token>` or, in the web console, with the session cookie that `POST /session` sets (mutations then ' +
          'need the `x-baton-console` header); every mutation is attributed to the token\'s person and authorised by the ' +
          'playbook\'s RACI; a caller only ever sees their own partner\'s deals.',
      },
      components: {
        securitySchemes: {
          [BEARER]: { type: 'http', scheme: 'bearer', description: 'An API token from the tokens file (`baton token create`).' },
          [COOKIE]: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: "The web console's session, set by `POST /session`." },
        },
      },
      tags: [
        { name: 'deals', description: 'Register, read, list and act on deals' },
        { name: 'handoffs', description: 'Accept or return a handoff' },
        { name: 'people', description: 'The caller and their inbox' },
        { name: 'session', description: "The web console's sign-in" },
        { name: 'ops', description: 'Health, metrics and this document' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get(
    '/openapi.json',
    { schema: { tags: ['ops'], summary: 'This OpenAPI document', security: open } },
    async () => app.swagger(),
  );
}
