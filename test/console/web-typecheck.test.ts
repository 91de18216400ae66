import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temporal';

const tsc = resolve('node_modules/typescript/bin/tsc');

describe("the console's types of the API", () => {
  it("are regenerated from the API's OpenAPI document, and the console type-checks against them", () => {
    const result = spawnSync('npm', ['run', '--silent', 'typecheck:web'], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toMatch(/web\/src\/api\/schema\.d\.ts: types of \d+ API paths/);
    expect(result.stderr + result.stdout, 'tsc -p web').not.toMatch(/error TS/);
    expect(result.status).toBe(0);
  }, 120_000);

  it('break the check when a response schema the console reads changes', () => {
    // A copy of the console and the sources it imports, with the inbox's timeLeftMs renamed as a
    // route's schema change would rename it in the generated types.
    const dir = tempDir('web-drift');
    cpSync('web/src', join(dir, 'web/src'), { recursive: true });
    cpSync('web/tsconfig.json', join(dir, 'web/tsconfig.json'));
    cpSync('src', join(dir, 'src'), { recursive: true });
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    const types = join(dir, 'web/src/api/schema.d.ts');
    const text = readFileSync(types, 'utf8');
    const inbox = text.indexOf('InboxItem: {');
    const field = text.indexOf('timeLeftMs?: number;', inbox);
    expect(inbox).toBeGreaterThan(0);
    expect(field).toBeGreaterThan(inbox);
    writeFileSync(types, `${text.slice(0, field)}remainingMs?: number;${text.slice(field + 'timeLeftMs?: number;'.length)}`);
    const result = spawnSync(process.execPath, [tsc, '-p', join(dir, 'web')], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/web\/src\/pages\/my-work\.tsx.*error TS\d+: Property 'timeLeftMs' does not exist/);
  }, 120_000);
});
