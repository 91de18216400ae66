import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe("the console's types of the API", () => {
  it("are regenerated from the API's OpenAPI document, and the console type-checks against them", () => {
    const result = spawnSync('npm', ['run', '--silent', 'typecheck:web'], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toMatch(/web\/src\/api\/schema\.d\.ts: types of \d+ API paths/);
    expect(result.stderr + result.stdout, 'tsc -p web').not.toMatch(/error TS/);
    expect(result.status).toBe(0);
  }, 120_000);
});
