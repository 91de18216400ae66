import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where provisioned binaries live: outside the checkout, so fresh clones and CI reuse them. */
export function batonCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BATON_CACHE_DIR) return env.BATON_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'baton');
}
