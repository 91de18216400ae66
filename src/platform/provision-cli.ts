/**
 * `node --import tsx src/platform/provision-cli.ts`: provisions the Temporal binaries (the CLI, the
 * time-skipping test server, the Temporal server for the cluster topology) and the API fuzzer into the cache.
 */
import { resolveSchemathesis } from './schemathesis';
import { resolveTemporalCli } from './temporal-cli';
import { resolveTemporalServer } from './temporal-server';
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
const schemathesis = await resolveSchemathesis(log);
log(schemathesis ? `schemathesis: ${schemathesis.python} ${schemathesis.args.join(' ')}` : 'schemathesis: unavailable (the API fuzz test will fail)');
// A failed server build does not stop the other tests: the cluster-topology test fails with the cause.
const server = await resolveTemporalServer(log).catch((err: unknown) => err as Error);
log(server instanceof Error ? `Temporal server: unavailable (the cluster test will fail): ${server.message.split('\n')[0]}` : `Temporal server: ${server.server} (${server.origin})`);
