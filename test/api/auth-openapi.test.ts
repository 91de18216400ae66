import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booking, call, startApiStack, type ApiStack } from './api-stack';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Fastify `/deals/:dealId` -> OpenAPI `/deals/{dealId}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('authentication', () => {
  it('answers 401 without a token, with a malformed header, or with an unknown token', async () => {
    const none = await call(stack, undefined, 'GET', '/deals');
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/missing the Authorization header/);
    const basic = await fetch(`${stack.url}/inbox`, { headers: { authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const unknown = await fetch(`${stack.url}/deals`, { method: 'POST', headers: { authorization: 'Bearer not-a-real-token', 'content-type': 'application/json' }, body: JSON.stringify(booking('unauth-1')) });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { message: string }).message).toBe('unknown or revoked token');
    expect((await call(stack, 'ana', 'GET', '/deals/unauth-1')).status).toBe(404);
  });

  it('knows who the token belongs to', async () => {
    const me = await call(stack, 'chris', 'GET', '/me');
    expect(me.body).toEqual({ person: { id: 'chris.lee@northwind.example', name: 'Chris Lee' }, partnerId: 'northwind', roles: ['CSM'] });
  });

  it('never writes a token to the log, and attributes requests to the person', async () => {
    await call(stack, 'ana', 'POST', '/deals', booking('logged-1'));
    await call(stack, 'ana', 'GET', '/deals/logged-1');
    await fetch(`${stack.url}/deals`, { headers: { authorization: 'Bearer wrong-secret-value' } });
    const logs = stack.logs.join('\n');
    expect(logs).toContain('"person":"ana.moreno@northwind.example"');
    expect(logs).toMatch(/"dealId":"logged-1","workflowId":"deal:northwind:logged-1".*"msg":"deal registered"/);
    for (const secret of [...Object.values(stack.secrets), 'wrong-secret-value']) expect(logs).not.toContain(secret);
  });
});

describe('OpenAPI', () => {
  it('serves a valid document that describes every route', async () => {
    const document = (await (await fetch(`${stack.url}/openapi.json`)).json()) as OpenAPIV3.Document;
    await SwaggerParser.validate(structuredClone(document));

    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const registered = stack.routes
      .filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide)
      .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD').map((m) => `${m} ${openApiPath(r.url)}`));
    expect(registered.length).toBeGreaterThan(20);
    for (const route of registered) expect(documented).toContain(route);
    expect(document.paths['/deals']?.post?.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(document.paths['/deals/{dealId}/actions/deadline.extend']?.post?.requestBody).toBeDefined();
  });

  it('serves a browsable docs page', async () => {
    const page = await fetch(`${stack.url}/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger-ui/i);
  });
});
