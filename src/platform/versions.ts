/** Pinned versions of the Temporal binaries Baton provisions; the cache is keyed by them. */
export const temporalCliVersion = 'v1.5.1';
export const temporalCliModule = 'github.com/temporalio/cli/cmd/temporal';
export const testServerVersion = '1.32.1';
export const testServerArtifact = { groupId: 'io.temporal', artifactId: 'temporal-test-server' } as const;
export const testServerMainClass = 'io.temporal.testserver.TestServer';
/** The API fuzzer (PyPI), installed into a virtualenv in the cache. */
export const schemathesisVersion = '4.32.5';
