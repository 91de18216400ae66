import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument } from '../../src/api/openapi-document';
import { DeadlineExtend } from '../../src/domain/schemas/actions';
import { IsoDateTime, LIMITS } from '../../src/domain/schemas/common';
import { SignIn } from '../../src/api/schemas/session';

/**
 * Bounded input: no caller can push a deal toward Temporal's payload and history limits (two
 * 0.9 MB reasons once bricked a deal). Every string a request can carry has a maximum length, a
 * closed set of values, or a pattern that bounds it.
 */

type Node = Record<string, unknown>;

/** A pattern bounds a string's length when it is anchored and repeats nothing without limit. */
const boundedPattern = (pattern: unknown): boolean => typeof pattern === 'string' && pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, ''));

/** Every unbounded string under `node`, by path. */
function unbounded(node: unknown, path: string, refs: (ref: string) => unknown, seen = new Set<unknown>()): string[] {
  if (!node || typeof node !== 'object' || seen.has(node)) return [];
  seen.add(node);
  const n = node as Node;
  if (typeof n.$ref === 'string') return unbounded(refs(n.$ref), path, refs, seen);
  const found: string[] = [];
  if (n.type === 'string' && n.maxLength === undefined && n.enum === undefined && n.const === undefined && !boundedPattern(n.pattern)) found.push(path);
  for (const [key, value] of Object.entries(n)) {
    if (key === 'properties') for (const [name, child] of Object.entries(value as Node)) found.push(...unbounded(child, `${path}.${name}`, refs, seen));
    else if (key === 'items') found.push(...unbounded(value, `${path}[]`, refs, seen));
    else if (key === 'additionalProperties') found.push(...unbounded(value, `${path}{}`, refs, seen));
    else if (['anyOf', 'oneOf', 'allOf'].includes(key)) for (const child of value as unknown[]) found.push(...unbounded(child, path, refs, seen));
  }
  return found;
}

it('every string of every request (body, path, query) the API accepts is bounded', async () => {
  const document = await openApiDocument();
  const components = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const refs = (ref: string) => components[ref.replace('#/components/schemas/', '')];
  const found: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {}) as [string, { parameters?: Node[]; requestBody?: { content?: Record<string, { schema?: unknown }> } }][]) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      for (const parameter of operation.parameters ?? []) found.push(...unbounded(parameter.schema, `${method.toUpperCase()} ${path} ${String(parameter.in)}.${String(parameter.name)}`, refs));
      for (const media of Object.values(operation.requestBody?.content ?? {})) found.push(...unbounded(media.schema, `${method.toUpperCase()} ${path} body`, refs));
    }
  }
  expect(found).toEqual([]);
});

it('every string of every domain input schema is bounded', async () => {
  const dir = 'src/domain/schemas';
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(`../../${join(dir, file)}`)) as Record<string, unknown>;
    for (const [name, schema] of Object.entries(module)) {
      if (!(schema instanceof z.ZodType)) continue;
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node;
      const defs = (json.$defs ?? {}) as Record<string, unknown>;
      found.push(...unbounded(json, `${file} ${name}`, (ref) => defs[ref.replace('#/$defs/', '')]));
    }
  }
  expect(found).toEqual([]);
});

it('refuses the inputs that once grew a deal without bound: a 0.9 MB reason, an instant with endless digits, an endless token', () => {
  const reason = 'x'.repeat(900_000);
  const extend = DeadlineExtend.safeParse({ type: 'deadline.extend', actor: 'ana.moreno@northwind.example', deadlineId: 'use', days: 3, reason });
  expect(extend.success).toBe(false);
  expect(extend.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reason', `must be at most ${LIMITS.textChars} characters`]]);
  expect(IsoDateTime.safeParse(`2026-01-31T09:00:00.${'1'.repeat(100)}Z`).success).toBe(false);
  expect(IsoDateTime.safeParse('2026-01-31T09:00:00.123Z').success).toBe(true);
  expect(SignIn.safeParse({ token: 't'.repeat(LIMITS.tokenChars + 1) }).success).toBe(false);
});
