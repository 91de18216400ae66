import type { z } from 'zod';
import { closestName } from './closest-name';

/** Renders a zod path the way people write it in code: `lineItems[0].netValueUsd`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
      if (!plain) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

/** One offending field: where, which rule it broke, and for an unknown key the closest known one. */
export interface FieldProblem {
  path: PropertyKey[];
  rule: string;
  suggestion?: string;
}

const UNKNOWN_FIELD = 'unknown field';
const unknownFieldRule = (suggestion: string | undefined): string => (suggestion ? `${UNKNOWN_FIELD}; did you mean ${suggestion}?` : UNKNOWN_FIELD);

/** The names a strict object (its shape) or a record over an enum (its keys) accepts. */
function knownNames(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: { shape?: object; keyType?: { _zod?: { values?: Set<unknown> } } } } } | undefined)?._zod?.def;
  if (def?.shape) return Object.keys(def.shape);
  return [...(def?.keyType?._zod?.values ?? [])].map(String);
}

/**
 * The error map of every strict schema at Baton's boundaries (`strictObject`, `strictRecord`).
 * zod reports all unknown keys of one object in a single issue and forgets the schema before
 * the issue reaches a formatter, so the closest known name is found here, while the schema is
 * at hand: one line per key, in the order of `issue.keys`, holding the suggestion or nothing.
 * `fieldProblems` reads it back; nothing else sees that message.
 */
export function unknownKeysError(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const known = knownNames(issue.inst);
  return issue.keys.map((key) => closestName(key, known) ?? '').join('\n');
}

// zod words a missing field as a type mismatch against `undefined`; people read "is required".
export function issueRule(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `is required (${issue.expected})`;
  return issue.message;
}

/** Every issue as field problems: an unknown-keys issue becomes one problem per key, at the key. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code !== 'unrecognized_keys') return [{ path: [...issue.path], rule: issueRule(issue) }];
    // A strict schema without Baton's error map carries zod's own message: no suggestions then.
    const suggestions = issue.keys.length === issue.message.split('\n').length && !issue.message.startsWith('Unrecognized') ? issue.message.split('\n') : [];
    return issue.keys.map((key, i) => {
      const suggestion = suggestions[i] || undefined;
      return { path: [...issue.path, key], rule: unknownFieldRule(suggestion), ...(suggestion ? { suggestion } : {}) };
    });
  });
}

/** One line per problem, `path: rule`, so every layer (API, CLI, workflow) reports the same text. */
export function formatZodError(err: z.ZodError): string {
  return fieldProblems(err)
    .map((p) => `${formatPath(p.path)}: ${p.rule}`)
    .join('\n');
}
