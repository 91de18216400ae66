import type { BundleOptions } from '@temporalio/worker';

type Configuration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/**
 * How the workflow bundle is built, on top of the SDK's development-mode config. A V8 context is
 * shared across workflows but every new workflow evaluates the bundle's modules again (module
 * state is per workflow), so what each module costs at load is paid by every deal and handoff:
 * - modules joined into one scope (`concatenateModules`) instead of one webpack wrapper, export
 *   getters and registry entry each;
 * - libraries' production builds (xstate's development build adds checks and warnings).
 * The SDK keeps the rest: development mode, inline source maps, its module-cache plugin.
 */
export function workflowWebpackConfig(config: Configuration): Configuration {
  return {
    ...config,
    resolve: { ...config.resolve, conditionNames: ['webpack', 'production', 'browser', 'module', 'import', 'require'] },
    optimization: { ...config.optimization, concatenateModules: true, providedExports: true, usedExports: true, nodeEnv: 'production' },
  };
}
