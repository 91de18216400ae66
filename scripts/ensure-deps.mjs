// Runs before `npm start` and `npm test`: installs the locked dependencies when they are missing or
// older than the lockfile, so a fresh clone needs no separate install step. Plain Node: no deps yet.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log('[baton] Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
