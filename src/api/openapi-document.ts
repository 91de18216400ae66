import type { OpenAPIV3 } from 'openapi-types';
import { Client } from '@temporalio/client';
import { EnvConfig } from '../config/env';
import { unconnectedDatabase } from '../db/connect';
import { createLogger } from '../observability/logger';
import { apiDependencies } from './dependencies';
import { buildApi } from './server';

/**
 * Baton's OpenAPI document without a Temporal server: the API is built on a client that would
 * connect lazily and is never asked anything, exactly as `GET /openapi.json` would describe it
 * (with the development sign-in routes, so their types exist for the console).
 */
export async function openApiDocument(): Promise<OpenAPIV3.Document> {
  const config = EnvConfig.parse({ BATON_DEV_LOGIN: 'true' });
  const client = new Client();
  const db = unconnectedDatabase();
  const app = await buildApi(await apiDependencies(config, client, db, createLogger('silent')));
  try {
    await app.ready();
    return app.swagger() as OpenAPIV3.Document;
  } finally {
    await app.close();
    await client.connection.close();
    await db.destroy();
  }
}
