/** Pinned versions of the Temporal binaries Baton provisions; the cache is keyed by them. */
export const temporalCliVersion = 'v1.5.1';
export const temporalCliModule = 'github.com/temporalio/cli/cmd/temporal';
export const testServerVersion = '1.32.1';
export const testServerArtifact = { groupId: 'io.temporal', artifactId: 'temporal-test-server' } as const;
export const testServerMainClass = 'io.temporal.testserver.TestServer';
/** The API fuzzer (PyPI), installed into a virtualenv in the cache. */
export const schemathesisVersion = '4.32.5';
/** The Temporal server itself (not the dev server) and its SQL schema tool, for the cluster topology. */
export const temporalServerVersion = 'v1.29.1';
export const temporalServerModule = 'go.temporal.io/server';
/** Packages of that module `go install` builds, by the file name Baton caches each under. */
export const temporalServerPackages = { 'temporal-server': 'cmd/server', 'temporal-sql-tool': 'cmd/tools/sql' } as const;
