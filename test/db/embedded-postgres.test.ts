import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { tempDir } from '../support/temporal';

const run = promisify(execFile);

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded PostgreSQL (BATON_DATABASE_URL unset)', () => {
  it('keeps its data across a restart and stops its server process', async () => {
    const dataDir = tempDir('embedded-pg');
    const first = await startEmbeddedPostgres({ dataDir });
    expect(await query(first.adminUrl, 'SHOW server_version')).toEqual([{ server_version: expect.stringMatching(/^18\./) }]);
    await query(first.adminUrl, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(alive(first.pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await query(second.adminUrl, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('adopts the server a killed Baton left running instead of failing on its lock', async () => {
    const dataDir = tempDir('embedded-pg');
    const orphan = await startEmbeddedPostgres({ dataDir });
    const adopted = await startEmbeddedPostgres({ dataDir });
    expect(adopted.pid).toBe(orphan.pid);
    expect(await query(adopted.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await adopted.stop();
    expect(alive(orphan.pid)).toBe(false);
  });

  it('as a guest (the CLI beside a running Baton) leaves the running server running, also when its process exits', async () => {
    const dataDir = tempDir('embedded-pg');
    const owner = await startEmbeddedPostgres({ dataDir });
    try {
      const script = `import { startEmbeddedPostgres } from './src/db/embedded-postgres.ts';
        const guest = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, leaveAdoptedRunning: true });
        await guest.stop();
        process.stdout.write(String(guest.pid));`;
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
      expect(Number(stdout)).toBe(owner.pid);
      await new Promise((r) => setTimeout(r, 500));
      expect(await query(owner.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await owner.stop();
    }
  });

  it('refuses a wrong password: the cluster is not open to every local user', async () => {
    const dataDir = tempDir('embedded-pg');
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const url = new URL(server.adminUrl);
      url.password = 'wrong';
      await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });
});
