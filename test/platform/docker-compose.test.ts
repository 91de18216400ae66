import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvConfig } from '../../src/config/env';
import { batonSearchAttributes, searchAttributeCliSpecs } from '../../src/temporal/search-attributes';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: unknown;
  command?: string[] | string;
  deploy?: { replicas?: number };
}
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
const batonServices = ['baton-worker', 'baton-api'] as const;
const defaults = EnvConfig.parse({});

describe('docker-compose.yml agrees with the code', () => {
  it('has the production topology, each long-running service with a health check', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgresql', 'baton-database', 'temporal', 'temporal-ui', 'temporal-search-attributes', ...batonServices]),
    );
    for (const name of ['postgresql', 'temporal', 'temporal-ui', ...batonServices]) {
      expect(services[name]?.healthcheck, `${name} health check`).toBeDefined();
    }
    expect(services['baton-worker']!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    for (const name of batonServices) expect(services[name]!.build).toBe('.');
    expect(existsSync('Dockerfile')).toBe(true);
  });

  it('sets only environment variables Baton reads, on the task queue the code uses', () => {
    const known = Object.keys(EnvConfig.shape);
    for (const name of batonServices) {
      const env = services[name]!.environment!;
      for (const key of Object.keys(env)) expect(known, `${name}: ${key}`).toContain(key);
      expect(EnvConfig.parse(env).BATON_TASK_QUEUE).toBe(defaults.BATON_TASK_QUEUE);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      const database = new URL(env.BATON_DATABASE_URL!);
      expect(`${database.host}${database.pathname}`, `${name}: Baton's own database on the PostgreSQL service`).toBe('postgresql:5432/baton');
    }
    expect(services['baton-worker']!.environment!.BATON_ROLE).toBe('worker');
    expect(services['baton-api']!.environment!.BATON_ROLE).toBe('api');
  });

  it('publishes the API on the port it listens on, and Temporal on 7233', () => {
    const apiPort = services['baton-api']!.environment!.BATON_HTTP_PORT;
    expect(services['baton-api']!.ports).toContain(`${apiPort}:${apiPort}`);
    expect(services.temporal!.ports).toContain('7233:7233');
  });

  it('registers every Baton search attribute with its type', () => {
    const command = [services['temporal-search-attributes']!.command].flat().join(' ');
    const registered = [...command.matchAll(/--name (\w+) --type (\w+)/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(registered.sort()).toEqual(searchAttributeCliSpecs().sort());
    expect(registered).toHaveLength(batonSearchAttributes.length);
  });
});
