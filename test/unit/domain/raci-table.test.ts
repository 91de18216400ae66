import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepsInOrder } from '../../../src/domain/playbook/queries';
import { playbook } from './support';

/**
 * The default playbook must be DOMAIN section 2's RACI table, cell by cell. The shared copy is
 * read when the repository sits beside it; docs/DOMAIN.md is the vendored fallback.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
const shared = resolve(repoRoot, '../shared/DOMAIN.md');
const domain = readFileSync(existsSync(shared) ? shared : resolve(repoRoot, 'docs/DOMAIN.md'), 'utf8');

// Steps left blank in the source take the RACI of the step before them (DOMAIN section 2).
const INHERITS_FROM: Record<string, string> = { Select: 'Evaluate', Advocate: 'Recommend' };

interface Row {
  stage: string;
  step: string;
  cells: Record<string, string>;
}

function lifecycleTable(markdown: string): Row[] {
  const section = markdown.slice(markdown.indexOf('## 2.'), markdown.indexOf('## 3.'));
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const split = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const header = split(lines[0]!);
  const roles = header.slice(3);
  return lines.slice(2).map((line) => {
    const cells = split(line);
    return {
      stage: cells[1]!,
      step: cells[2]!,
      cells: Object.fromEntries(
        roles.map((role, i): [string, string] => [role, cells[3 + i] ?? '']).filter(([, cell]) => cell !== '' && !cell.startsWith('*')),
      ),
    };
  });
}

describe('default playbook versus DOMAIN section 2', () => {
  const table = lifecycleTable(domain);
  const steps = stepsInOrder(playbook);

  it('has the 14 steps of the table in order, in the same stages', () => {
    expect(table).toHaveLength(14);
    expect(steps.map((s) => [s.stage.name, s.step.name])).toEqual(table.map((r) => [r.stage, r.step]));
  });

  it.each(table.map((r) => [r.step, r] as const))('%s has the RACI of the table', (stepName, row) => {
    const source = INHERITS_FROM[stepName] ? table.find((r) => r.step === INHERITS_FROM[stepName])! : row;
    const raci = steps.find((s) => s.step.name === stepName)!.step.raci;
    expect(Object.keys(source.cells).length).toBeGreaterThan(0);
    expect(raci).toEqual(source.cells);
  });

  it('says in the YAML which steps inherit', () => {
    const yaml = readFileSync(resolve(repoRoot, 'config/playbooks/default.yaml'), 'utf8');
    expect(yaml).toMatch(/id: select[\s\S]*?inherits the RACI of Evaluate/);
    expect(yaml).toMatch(/id: advocate[\s\S]*?inherits the RACI of Recommend/);
  });
});
