import type { z } from 'zod';

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

// zod words a missing field as a type mismatch against `undefined`; people read "is required".
export function issueRule(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `is required (${issue.expected})`;
  return issue.message;
}

/** One line per issue, `path: rule`, so every layer (API, CLI, workflow) reports the same text. */
export function formatZodError(err: z.ZodError): string {
  return err.issues.map((issue) => `${formatPath(issue.path)}: ${issueRule(issue)}`).join('\n');
}
