import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';

/**
 * SDK warnings and errors only, all on stderr: the native core would print its own logs to
 * stdout, where `--json` puts the results.
 */
export function installQuietRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
}
