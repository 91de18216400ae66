// Runs before `npm test`: the browser tests drive Debian's Chromium (playwright-core ships no
// browser, and its own download does not work offline). Installs it with apt-get when it is
// missing and we may; otherwise says what to install. Plain Node.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.BATON_CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('[baton] Installing Chromium for the browser tests (apt-get install chromium)...');
    execSync('apt-get update && apt-get install -y --no-install-recommends chromium', { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.warn(`[baton] No Chromium at ${CHROMIUM}: the browser tests will fail. Install it (Debian: apt-get install chromium) or set BATON_CHROMIUM_PATH.`);
  }
}
