import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booking, writeTokensFile, type PersonKey } from '../api/api-stack';
import { freePort, tempDir } from '../support/temporal';

/** The real stack as `npm start` runs it, on free ports, its own data directory and a test tokens file. */
let stack: ChildProcess;
let output = '';
let apiUrl = '';
let secrets: Record<PersonKey, string>;
const dealId = `e2e-${Date.now()}`;

function waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    const check = () => {
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    stack.stdout?.on('data', check);
    stack.stderr?.on('data', check);
    stack.once('exit', (code) => reject(new Error(`the stack exited with ${code}; output:\n${output}`)));
    check();
  });
}

function cli(who: PersonKey, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, BATON_API_URL: apiUrl, BATON_TOKEN: secrets[who] },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function http(who: PersonKey, method: string, path: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${secrets[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Spawns `npm start`'s entry on fresh free ports. */
async function spawnStack(dir: string, tokensFile: string): Promise<void> {
  const [http, temporal, ui, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  apiUrl = `http://127.0.0.1:${http}`;
  output = '';
  stack = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      BATON_DATA_DIR: join(dir, `data-${http}`),
      BATON_HTTP_PORT: String(http),
      BATON_TEMPORAL_PORT: String(temporal),
      BATON_TEMPORAL_UI_PORT: String(ui),
      BATON_METRICS_PORT: String(metrics),
      BATON_TOKENS_FILE: tokensFile,
      TEMPORAL_ADDRESS: '',
      LOG_LEVEL: 'info',
    },
  });
  stack.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  stack.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(/Baton is running/, 100_000);
}

beforeAll(async () => {
  const dir = tempDir('e2e');
  const tokens = writeTokensFile(dir);
  secrets = tokens.secrets;
  try {
    await spawnStack(dir, tokens.file);
  } catch (err) {
    // A free port can be taken by another process between probing and binding: try once more.
    if (stack.exitCode === null) throw err;
    await spawnStack(dir, tokens.file);
  }
}, 230_000);

afterAll(() => {
  if (stack && stack.exitCode === null) stack.kill('SIGKILL');
});

describe('the stack npm start runs', () => {
  it('registers a deal over HTTP, the CSM accepts the Sales to CS handoff with the CLI, the timeline shows both', async () => {
    const registered = await http('ana', 'POST', '/deals', booking(dealId));
    expect(registered.status).toBe(201);

    // Read your writes: registration answered once the read model held the deal, each action once it showed it.
    expect(JSON.parse((await cli('chris', ['inbox', '--json'])).stdout).items).toContainEqual(expect.objectContaining({ dealId, kind: 'handoff', id: 'sales-to-cs' }));

    // The sending side completes the transfer's checklist and artifacts; the CSM does their items.
    const handoff = (await http('ana', 'GET', `/deals/${dealId}/handoffs/sales-to-cs`)).body as { checklist: { id: string; owner: string }[]; artifacts: { id: string }[] };
    for (const item of handoff.checklist) {
      const ticked = await http(item.owner === 'CSM' ? 'chris' : 'ana', 'POST', `/deals/${dealId}/handoffs/sales-to-cs/tick`, { itemId: item.id });
      expect(ticked.status).toBe(200);
    }
    for (const artifact of handoff.artifacts) {
      expect((await http('ana', 'POST', `/deals/${dealId}/handoffs/sales-to-cs/attach`, { artifactId: artifact.id, reference: `crm://${artifact.id}` })).status).toBe(200);
    }

    const refused = await cli('sam', ['handoff', 'accept', dealId, 'sales-to-cs']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/403 forbidden: sam\.ito@northwind\.example is not Accountable/);

    const accepted = await cli('chris', ['handoff', 'accept', dealId, 'sales-to-cs']);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/handoff\.accept on .* by chris\.lee@northwind\.example: done \(handoff accepted\)/);

    const timeline = await cli('ana', ['timeline', dealId]);
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toMatch(/Chris Lee\s+Handoff sales-to-cs accepted/);
    expect(timeline.stdout).toMatch(/Ana Moreno\s+Deal registered: Acme Corp/);
    expect(timeline.stdout).toMatch(/Raw event history: http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows\/deal%3Anorthwind%3Ae2e-/);

    const json = JSON.parse((await cli('ana', ['timeline', dealId, '--json'])).stdout) as { items: { type: string; actor?: string; historyUrl?: string }[] };
    expect(json.items).toContainEqual(expect.objectContaining({ type: 'deal.registered', actor: 'ana.moreno@northwind.example' }));
    expect(json.items).toContainEqual(expect.objectContaining({ type: 'handoff.accepted', actor: 'chris.lee@northwind.example', historyUrl: expect.stringMatching(/\/history$/) }));

    const missing = await cli('pat', ['deal', 'show', dealId]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/404 not_found: no deal .* for partner contoso/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
    stack.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"Stopped"/);
  });
});
