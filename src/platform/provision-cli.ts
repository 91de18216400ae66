/** `node --import tsx src/platform/provision-cli.ts`: provisions both Temporal binaries into the cache. */
import { resolveTemporalCli } from './temporal-cli';
import { resolveTestServer } from './test-server';

const log = (line: string) => console.log(`[provision] ${line}`);
const cli = await resolveTemporalCli(log);
log(cli.kind === 'path' ? `Temporal CLI: ${cli.path} (${cli.origin})` : 'Temporal CLI: SDK download at first use');
const testServer = await resolveTestServer(log);
log(
  testServer.kind === 'path'
    ? `Time-skipping test server: ${testServer.path} (${testServer.origin})`
    : 'Time-skipping test server: SDK download at first use',
);
