import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The domain core runs inside Temporal's deterministic workflow sandbox: no Temporal, no Node
 * I/O, no clock, no randomness. Time is always an input.
 */
const domainDir = resolve(import.meta.dirname, '../../../src/domain');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Comments may name the forbidden things (to explain why they are avoided), code may not.
const withoutComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const FORBIDDEN: Array<[string, RegExp]> = [
  ['imports Temporal', /from\s+['"]@temporalio\//],
  ['imports a node: module', /from\s+['"]node:/],
  ['imports fs, path, os or child_process', /from\s+['"](fs|path|os|child_process)(\/[^'"]*)?['"]/],
  ['requires a module', /\brequire\s*\(/],
  ['reads the clock with Date.now()', /\bDate\.now\s*\(/],
  ['reads the clock with new Date()', /\bnew\s+Date\s*\(\s*\)/],
  ['uses Math.random()', /\bMath\.random\s*\(/],
];

// Modules the workflow imports must not allocate zod schemas (sdk-typescript #2227).
const WORKFLOW_MODULES = ['lifecycle', 'raci.ts', 'ladder.ts', 'health/score.ts', 'health/risk.ts', 'playbook/queries.ts', 'renewal-date.ts'];

// The incentive functions the deal workflow calls.
const WORKFLOW_INCENTIVE_MODULES = ['rules/evaluate.ts', 'rules/caps.ts', 'rules/deal-values.ts', 'facts/record-fact.ts', 'milestone-ref.ts'].map((m) =>
  resolve(domainDir, '../incentives', m),
);

/** Value (not `import type`) imports of a source file. */
const valueImports = (source: string): string[] =>
  [...withoutComments(source).matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

/** Whether loading the file at run time loads zod, following relative imports. */
function loadsZod(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  return valueImports(readFileSync(file, 'utf8')).some((spec) => {
    if (spec === 'zod' || spec.startsWith('zod/')) return true;
    if (!spec.startsWith('.')) return false;
    const base = resolve(dirname(file), spec);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    return target !== undefined && loadsZod(target, seen);
  });
}

// The forecast is pure too (rows, rules and a day in), and the deal workflow calls it for its row's dollars at stake.
const forecastDir = resolve(domainDir, '../forecast');

describe('src/domain purity', () => {
  const files = [...sourceFiles(domainDir), ...sourceFiles(forecastDir)];

  it('finds the domain sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(FORBIDDEN)('no file %s', (_what, pattern) => {
    const offenders = files.filter((f) => pattern.test(withoutComments(readFileSync(f, 'utf8')))).map((f) => relative(domainDir, f));
    expect(offenders).toEqual([]);
  });

  it('workflow-side modules do not load zod, directly or through what they import', () => {
    const logic = files.filter((f) => WORKFLOW_MODULES.some((m) => relative(domainDir, f).startsWith(m)));
    expect(logic.length).toBeGreaterThanOrEqual(WORKFLOW_MODULES.length);
    expect(logic.filter((f) => loadsZod(f)).map((f) => relative(domainDir, f))).toEqual([]);
  });

  it('the incentive and forecast functions the workflow calls do not load zod either', () => {
    expect([...WORKFLOW_INCENTIVE_MODULES, resolve(forecastDir, 'forecast-deal.ts')].filter((f) => !existsSync(f) || loadsZod(f)).map((f) => relative(domainDir, f))).toEqual([]);
  });

  it('the scan catches a violation', () => {
    const sample = "import { readFile } from 'node:fs';\nconst t = Date.now();";
    expect(FORBIDDEN.filter(([, p]) => p.test(withoutComments(sample))).map(([what]) => what)).toEqual(['imports a node: module', 'reads the clock with Date.now()']);
    expect(loadsZod(join(domainDir, 'playbook/parse.ts'))).toBe(true);
  });
});
