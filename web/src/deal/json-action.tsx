import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { formatPath, issueRule } from '../../../src/domain/schemas/errors';
import { ApiFailure } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { TextAreaField } from '../components/field';
import { useDealAction } from './use-deal';

interface Props<T> {
  dealId: string;
  title: string;
  /** The field of the action's body the document goes in, e.g. `plan`. */
  field: string;
  /** The API's own schema of the document (src/domain/schemas), checked before sending. */
  schema: z.ZodType<T>;
  example: unknown;
  send(document: T): Promise<unknown>;
}

/** An action's answer says `unchanged` when the same fact was already recorded: nothing was done. */
const unchangedOf = (answer: unknown): string | undefined =>
  answer && typeof answer === 'object' && 'unchanged' in answer && typeof answer.unchanged === 'string' ? answer.unchanged : undefined;

/**
 * An action whose payload is a structured document (a success plan, an outcomes report): edited
 * as JSON, checked by the API's schema, each problem listed with the path of its field.
 */
export function JsonActionForm<T>({ dealId, title, field, schema, example, send }: Props<T>) {
  const [text, setText] = useState(() => JSON.stringify(example, null, 2));
  const [problems, setProblems] = useState<string[]>([]);
  const act = useDealAction(dealId, send);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      setProblems([`${field}: not valid JSON: ${(err as Error).message}`]);
      return;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      setProblems(parsed.error.issues.map((i) => `${field}${i.path.length ? (formatPath(i.path).startsWith('[') ? '' : '.') + formatPath(i.path) : ''}: ${issueRule(i)}`));
      return;
    }
    setProblems([]);
    act.mutate(parsed.data, {
      onError: (err) => setProblems(err instanceof ApiFailure ? (err.body.issues ?? []).map((i) => `${i.path.replace(/^body\./, '')}: ${i.message}`) : []),
    });
  };
  return (
    <form onSubmit={submit} className="card">
      <h3>{title}</h3>
      <TextAreaField label={`${title}: ${field} (JSON)`} value={text} onChange={(e) => setText(e.target.value)} rows={10} className="code" error={problems.join('; ') || undefined} />
      <button type="submit" disabled={act.isPending}>
        {title}
      </button>
      {act.isSuccess && (
        <p role="status" className="notice ok">
          {unchangedOf(act.data) ?? 'Done.'}
        </p>
      )}
      {!(act.error instanceof ApiFailure && act.error.status === 400) && <ErrorNotice error={act.error} />}
    </form>
  );
}
