import type { EphemeralServerExecutable } from '@temporalio/testing';
import type { TemporalCliSource } from './temporal-cli';
import type { TestServerSource } from './test-server';

export function toEphemeralExecutable(source: TemporalCliSource | TestServerSource): EphemeralServerExecutable {
  return source.kind === 'path' ? { type: 'existing-path', path: source.path } : { type: 'cached-download' };
}

/** The one message shown when no way of getting a Temporal server worked. */
export function temporalUnavailable(cause: unknown): Error {
  return new Error(
    'Could not start a Temporal server: no Temporal binary was found, built or downloaded.\n' +
      'Install one of: Go >= 1.25 (Baton builds the Temporal CLI with `go install`), Java 17 + Maven ' +
      '(for the time-skipping test server), or the Temporal CLI on PATH; or set TEMPORAL_CLI_PATH / ' +
      'TEMPORAL_TEST_SERVER_PATH; or run where the SDK can download binaries (internet access).\n' +
      `Cause: ${cause instanceof Error ? cause.message : String(cause)}`,
  );
}
