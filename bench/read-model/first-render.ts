import { chromium, type Browser } from 'playwright-core';
import { percentile } from '../stats';

export interface FirstRender {
  page: string;
  /** Median of the loads, ms from navigation until the page shows its data. */
  p50: number;
  loads: number;
}

/** The console's pages and what each shows once its data is in. */
const PAGES = [
  { page: 'My work', path: '/', ready: 'table, p:has-text("Nothing is waiting for you.")' },
  { page: 'Deals', path: '/deals', ready: 'table tbody tr' },
  { page: 'Board', path: '/board', ready: '#escalations' },
] as const;

export const CHROMIUM = process.env.BATON_CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * Each console page loaded `loads` times in a fresh tab of one signed-in browser session (the
 * assets cached after the first, as for a person using the console): from navigation until no
 * "Loading" status is left and the page's content is there.
 */
export async function measureFirstRender(browser: Browser, baseUrl: string, token: string, loads: number): Promise<FirstRender[]> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  try {
    const signIn = await context.newPage();
    await signIn.goto('/');
    await signIn.getByLabel('API token').fill(token);
    await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signIn.getByRole('button', { name: 'Sign out' }).waitFor();
    await signIn.close();
    const results: FirstRender[] = [];
    for (const { page: name, path, ready } of PAGES) {
      const times: number[] = [];
      for (let i = 0; i < loads + 1; i++) {
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
        // The first load fills the asset cache; the figure is a person's page load after it.
        if (i > 0) times.push(performance.now() - start);
        await page.close();
      }
      results.push({ page: name, p50: percentile(times, 50), loads });
    }
    return results;
  } finally {
    await context.close();
  }
}
