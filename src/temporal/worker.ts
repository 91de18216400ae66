import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type Logger, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { readModelSinks, type SnapshotTarget } from './read-model-sinks';
import { workflowWebpackConfig } from './workflow-webpack-config';

export const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface BatonWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** Where the deals' read-model rows go (the ReadModelWriter). */
  readModel: SnapshotTarget;
  /** A prebuilt bundle (tests bundle once per run); otherwise the worker bundles at start. */
  workflowBundle?: { code: string } | { codePath: string };
  maxCachedWorkflows?: number;
}

export function createBatonWorker(options: BatonWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath, bundlerOptions: { webpackConfigHook: workflowWebpackConfig } };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    sinks: readModelSinks(options.readModel),
    ...workflowSource,
    maxCachedWorkflows: options.maxCachedWorkflows,
    // Let in-flight activities finish when the process is asked to stop.
    shutdownGraceTime: '10s',
  });
}

export function bundleBatonWorkflows(logger?: Logger): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger, webpackConfigHook: workflowWebpackConfig });
}
