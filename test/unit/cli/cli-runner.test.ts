import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The one runner and exit-code table, through the real `baton` process. */

const repoRoot = resolve(import.meta.dirname, '../../..');

function baton(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, BATON_TOKEN: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('baton exit codes', () => {
  it('exits 2 on an unknown command, even with --help, naming it and the closest known one', () => {
    const help = baton(['ledger', '--help']);
    expect(help.code).toBe(2);
    expect(help.stdout).toBe('');
    expect(help.stderr).toBe("baton: unknown command 'ledger' (the commands of baton: quote, playbook, simulate, rerun, deal, handoff, inbox, people, timeline, claims, token, import, db, forecast, health)\n");
    const nested = baton(['deal', 'regster', 'booking.yaml']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain("baton: unknown command 'deal regster'; did you mean 'deal register'?");
    expect(baton(['qoute']).stderr).toContain("did you mean 'quote'?");
  });

  it('exits 2 on an unknown option, naming the closest known one', () => {
    const result = baton(['quote', '--deal', 'examples/deal.yaml', '--partnr', 'examples/partner.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^baton: unknown option '--partnr'; did you mean --partner\?\n/);
  });

  it('exits 0 for help of a known command', () => {
    const result = baton(['quote', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes: 0 done; 1 refused or not found; 2 bad usage or input (the field is named); 3 the API or Temporal unreachable or failed.');
  });

  it('exits 2 without a token and 3 when the API is unreachable, in the one message format', async () => {
    const noToken = baton(['deal', 'show', 'acme']);
    expect(noToken).toMatchObject({ code: 2, stderr: 'baton deal show: set BATON_TOKEN to your API token (see `baton token create`)\n' });
    const port = await closedPort();
    const unreachable = baton(['inbox'], { BATON_TOKEN: 'dev-northwind-ana', BATON_API_URL: `http://127.0.0.1:${port}` });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(new RegExp(`^baton inbox: cannot reach the Baton API at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  });

  it('exits 2 naming the field for bad input to every kind of command', () => {
    expect(baton(['quote', '--deal', 'examples/deal.yaml', '--program', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^baton quote: no program "nope"/) });
    expect(baton(['token', 'create', '--person', 'not-an-email', '--name', 'X', '--partner', 'northwind', '--roles', 'AM'])).toMatchObject({
      code: 2,
      stderr: 'baton token create: --person: must be an e-mail address\n',
    });
    expect(baton(['simulate', '--deal', 'examples/simulate/deal.json', '--script', 'examples/simulate/on-time.json', '--horizon', 'soon'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^baton simulate: --horizon: must be an ISO-8601 duration/),
    });
  });
});
