// Runs before `npm start` and `npm test`: installs the locked dependencies when they are missing or
// older than the lockfile, and builds the web console when it is missing or older than its sources
// (the console's types come from the API's schemas), so a fresh clone needs no separate step.
// Plain Node: no deps yet.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log('[baton] Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

/** The newest modification time under `path`, skipping build output and generated types. */
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'schema.d.ts' && name !== 'node_modules')
    .reduce((latest, name) => Math.max(latest, newest(join(path, name))), info.mtimeMs);
}

const built = 'web/dist/index.html';
const sources = ['web', 'src/api', 'src/domain', 'package-lock.json'];
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('[baton] Building the web console (npm run build:web)...');
  execSync('npm run build:web', { stdio: 'inherit' });
}
