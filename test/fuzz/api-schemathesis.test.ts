import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSchemathesis, type SchemathesisCommand } from '../../src/platform/schemathesis';
import { booking, call, startApiStack, type ApiStack } from '../api/api-stack';
import { tempDir } from '../support/temporal';

/**
 * The API fuzzed from its own OpenAPI document by schemathesis (provisioned by `npm test`'s
 * pretest): generated requests, valid and invalid, as a partner's Account Manager; no answer may
 * be a 5xx. BATON_FUZZ_API_EXAMPLES raises the examples per operation for a long run.
 */

const examples = Number(process.env.BATON_FUZZ_API_EXAMPLES ?? 8);
const seed = Number(process.env.BATON_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const maxSeconds = Math.max(20, examples * 2);
const liveDeal = 'fuzz-target';

/**
 * Most generated deal ids name the one live deal and handoff, so that generated actions reach a
 * running workflow instead of stopping at 404.
 */
function writeConfig(dir: string): string {
  const file = join(dir, 'schemathesis.toml');
  writeFileSync(
    file,
    [
      '[dictionaries.deals]',
      `values = ["${liveDeal}"]`,
      '[dictionaries.handoffs]',
      'values = ["sales-to-cs"]',
      '[parameters]',
      '"path.dealId" = { dictionary = "deals", probability = 0.8 }',
      '"path.templateId" = { dictionary = "handoffs", probability = 0.8 }',
      '',
    ].join('\n'),
  );
  return file;
}

let stack: ApiStack;
let schemathesis: SchemathesisCommand | undefined;

beforeAll(async () => {
  schemathesis = await resolveSchemathesis((line) => console.log(`[schemathesis] ${line}`));
  stack = await startApiStack();
  // One real deal, so that generated ids sometimes meet a deal that exists.
  expect((await call(stack, 'ana', 'POST', '/deals', booking(liveDeal))).status).toBe(201);
});
afterAll(() => stack?.stop());

/** Runs in `dir`: schemathesis keeps its crash cache under the working directory. */
function runSchemathesis(command: SchemathesisCommand, dir: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.python, [...command.args, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the API under schemathesis', () => {
  it('answers every generated request without a server error', async () => {
    if (!schemathesis) throw new Error('schemathesis is not provisioned: run `npm test` (its pretest installs it) with python3 and pip available');
    console.log(`[api fuzz] seed ${seed} (BATON_FUZZ_SEED=${seed} repeats it), ${examples} examples per operation`);
    const dir = tempDir('schemathesis');
    const { code, output } = await runSchemathesis(schemathesis, dir, [
      '--config-file', writeConfig(dir),
      'run',
      `${stack.url}/openapi.json`,
      '--checks', 'not_a_server_error',
      '--header', `Authorization: Bearer ${stack.secrets.ana}`,
      '--max-examples', String(examples),
      '--max-time', String(maxSeconds),
      '--seed', String(seed),
      '--workers', '1',
      '--request-timeout', '20',
      '--generation-database', 'none',
      '--no-color',
    ]);
    console.log(output.slice(output.indexOf('SUMMARY')));
    expect(code, output).toBe(0);
    expect(output).not.toMatch(/Server error/i);
  }, 240_000);
});
