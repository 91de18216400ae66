import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/** Every relative import (type-only ones too) between the modules of src/, workflows/ and activities/. */
function importGraph(roots: string[]): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(resolve(path));
    }
  };
  roots.forEach(walk);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)].flatMap(([, spec]) => {
      const target = resolve(dirname(file), spec!);
      if (existsSync(`${target}.ts`)) return [`${target}.ts`];
      if (existsSync(join(target, 'index.ts'))) return [join(target, 'index.ts')];
      return [];
    });
    graph.set(file, imports);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(path.slice(path.indexOf(next)).map((f) => relative(process.cwd(), f)).join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

it('has no import cycle in src/, workflows/ or activities/, type-only imports included', () => {
  const graph = importGraph(['src', 'workflows', 'activities']);
  expect(graph.size).toBeGreaterThan(100);
  expect(cycles(graph)).toEqual([]);
});
