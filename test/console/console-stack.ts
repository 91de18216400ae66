import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { hashToken } from '../../src/auth/tokens-file';
import { freePort, tempDir, workflowBundle } from '../support/temporal';

/** The people of the console tests: the Northwind deal team, the practice lead and a renewals manager. */
export const CONSOLE_PEOPLE = {
  ana: { person: { id: 'ana.moreno@northwind.example', name: 'Ana Moreno' }, partnerId: 'northwind', roles: ['AM'] },
  chris: { person: { id: 'chris.lee@northwind.example', name: 'Chris Lee' }, partnerId: 'northwind', roles: ['CSM'] },
  rita: { person: { id: 'rita.vance@northwind.example', name: 'Rita Vance' }, partnerId: 'northwind', roles: ['RM'] },
  lou: { person: { id: 'lou.grant@northwind.example', name: 'Lou Grant' }, partnerId: 'northwind', roles: ['LEAD'] },
} as const;
export type ConsolePerson = keyof typeof CONSOLE_PEOPLE;

/**
 * A tokens file like config/tokens.dev.yaml: random secrets, each written in the comment above
 * its entry so that the development sign-in offers the person.
 */
function writeDevTokensFile(dir: string): { file: string; secrets: Record<ConsolePerson, string> } {
  const keys = Object.keys(CONSOLE_PEOPLE) as ConsolePerson[];
  const secrets = Object.fromEntries(keys.map((k) => [k, `console-${k}-${Math.random().toString(36).slice(2)}`])) as Record<ConsolePerson, string>;
  const lines = ['tokens:'];
  for (const key of keys) {
    const { person, partnerId, roles } = CONSOLE_PEOPLE[key];
    lines.push(
      `  # secret: ${secrets[key]}`,
      `  - tokenSha256: ${hashToken(secrets[key])}`,
      `    person: { id: ${person.id}, name: ${person.name} }`,
      `    partnerId: ${partnerId}`,
      `    roles: [${roles.join(', ')}]`,
    );
  }
  const file = join(dir, 'tokens.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, secrets };
}

export interface ConsoleStack {
  url: string;
  /** BATON_DATA_DIR of the stack: the claims outbox lives there. */
  dataDir: string;
  secrets: Record<ConsolePerson, string>;
  browser: Browser;
  /** A JSON request with a bearer token, as the CLI makes it. */
  http(who: ConsolePerson, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * `npm start`'s entry (Temporal dev server, worker and API serving the built console) on free
 * ports with its own data, and Debian's Chromium driven by playwright-core.
 */
export async function startConsoleStack(options: { playbooksDir?: (dir: string) => Promise<string> } = {}): Promise<ConsoleStack> {
  const dir = tempDir('console');
  const playbooksDir = options.playbooksDir ? await options.playbooksDir(dir) : undefined;
  const { file, secrets } = writeDevTokensFile(dir);
  const [port, temporal, ui, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const url = `http://127.0.0.1:${port}`;
  const dataDir = join(dir, 'data');
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      BATON_DATA_DIR: dataDir,
      BATON_HTTP_PORT: String(port),
      BATON_TEMPORAL_PORT: String(temporal),
      BATON_TEMPORAL_UI_PORT: String(ui),
      BATON_METRICS_PORT: String(metrics),
      BATON_TOKENS_FILE: file,
      BATON_WORKFLOW_BUNDLE: workflowBundle().codePath,
      ...(playbooksDir ? { BATON_PLAYBOOKS_DIR: playbooksDir } : {}),
      TEMPORAL_ADDRESS: '',
      LOG_LEVEL: 'warn',
    },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack did not start in 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (/Baton is running/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code}:\n${output}`)));
  });
  const browser = await chromium.launch({ executablePath: process.env.BATON_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  return {
    url,
    dataDir,
    secrets,
    browser,
    async http(who, method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${secrets[who]}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async stop() {
      await browser.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A fresh browser session (its own cookies) at a laptop's or a phone's width. */
export async function newSession(stack: ConsoleStack, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ baseURL: stack.url, viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Signs in with the development people picker, as `npm start` offers it. */
export async function signInAsDevPerson(page: Page, who: ConsolePerson): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(`^${CONSOLE_PEOPLE[who].person.name}`) }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs in by pasting an API token, as production does. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

const SCREENSHOTS = join('test-results', 'screenshots');

/** Saves a full-page screenshot beside the test report: test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
