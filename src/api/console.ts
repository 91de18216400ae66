import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isConsolePage } from './console-pages';

/** web/dist, where `npm run build:web` writes the console. */
export const CONSOLE_DIST = new URL('../../web/dist/', import.meta.url);

// Vite's build has no inline script or style; the API's JSON and Swagger UI are not pages of it.
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-cache',
};

/** A browser navigating: it asks for HTML (fetch() calls of the console ask for JSON). */
export function isPageNavigation(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
}

function sendPage(reply: FastifyReply, dir: string, status: number): FastifyReply {
  return reply.code(status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').sendFile('index.html', dir, { cacheControl: false });
}

export interface ConsoleSite {
  /** Serves the console's page for a navigation to a path no route or page knows (a 404 the app explains). */
  notFoundPage(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined;
}

/**
 * Serves the built console at `/`: hashed assets under `/assets/` (cached for good), and the
 * app's page for browser navigations to the console's pages, even where a JSON route has the
 * same path (`/deals`). `/docs`, `/openapi.json` and every JSON client are untouched. Without a
 * build there is no console, only the API.
 */
export async function registerConsole(app: FastifyInstance, dir: string): Promise<ConsoleSite | undefined> {
  if (!existsSync(join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'the web console is not built (npm run build:web): serving the API only');
    return undefined;
  }
  await app.register(fastifyStatic, { root: join(dir, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  app.addHook('onRequest', async (request, reply) => {
    if (isPageNavigation(request) && isConsolePage(request.url.split('?')[0] ?? '')) return sendPage(reply, dir, 200);
  });
  return { notFoundPage: (request, reply) => (isPageNavigation(request) ? sendPage(reply, dir, 404) : undefined) };
}
