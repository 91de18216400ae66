import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batonCacheDir } from './cache-dir';
import { commandWorks, runWithProgress, type ProgressLog } from './run-command';
import { testServerArtifact, testServerMainClass, testServerVersion } from './versions';

/** Where the time-skipping test server comes from. `sdk-download` lets the SDK fetch it. */
export type TestServerSource =
  | { kind: 'path'; path: string; origin: 'env' | 'cache' | 'built' }
  | { kind: 'sdk-download' };

export function cachedTestServerDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(batonCacheDir(env), 'temporal-test-server', testServerVersion);
}

const wrapperName = 'temporal-test-server';

function pom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.baton.provision</groupId>
  <artifactId>temporal-test-server-classpath</artifactId>
  <version>0</version>
  <dependencies>
    <dependency>
      <groupId>${testServerArtifact.groupId}</groupId>
      <artifactId>${testServerArtifact.artifactId}</artifactId>
      <version>${testServerVersion}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/** The SDK passes only the port; the wrapper adds the JVM and the full runtime classpath. */
function wrapperScript(libDir: string): string {
  return `#!/bin/sh
exec java -cp "${libDir}/*" ${testServerMainClass} "$@"
`;
}

/**
 * Resolution order: TEMPORAL_TEST_SERVER_PATH, the cache, Maven Central now (Java + Maven), then
 * the SDK's own download. Jars are copied next to the wrapper and the directory is renamed into
 * place only when complete.
 */
export async function resolveTestServer(log: ProgressLog, env: NodeJS.ProcessEnv = process.env): Promise<TestServerSource> {
  if (env.TEMPORAL_TEST_SERVER_PATH) {
    if (!existsSync(env.TEMPORAL_TEST_SERVER_PATH)) {
      throw new Error(`TEMPORAL_TEST_SERVER_PATH: no file at ${env.TEMPORAL_TEST_SERVER_PATH}`);
    }
    return { kind: 'path', path: env.TEMPORAL_TEST_SERVER_PATH, origin: 'env' };
  }
  const dir = cachedTestServerDir(env);
  const wrapper = join(dir, wrapperName);
  if (existsSync(wrapper)) return { kind: 'path', path: wrapper, origin: 'cache' };

  if (commandWorks('java', ['-version'], env) && commandWorks('mvn', ['-v'], env)) {
    log(`Resolving the Temporal time-skipping test server ${testServerVersion} from Maven Central...`);
    mkdirSync(join(dir, '..'), { recursive: true });
    const work = mkdtempSync(`${dir}.partial-`);
    try {
      writeFileSync(join(work, 'pom.xml'), pom());
      await runWithProgress(
        'mvn',
        ['-B', '-q', '-Dstyle.color=never', 'dependency:copy-dependencies', `-DoutputDirectory=${join(dir, 'lib')}`, '-DincludeScope=runtime'],
        { cwd: work, env, log },
      );
      // copy-dependencies wrote into the final lib dir; only the wrapper marks the install complete.
      writeFileSync(join(work, wrapperName), wrapperScript(join(dir, 'lib')));
      chmodSync(join(work, wrapperName), 0o755);
      renameSync(join(work, wrapperName), wrapper);
      log(`Test server cached at ${dir}`);
      return { kind: 'path', path: wrapper, origin: 'built' };
    } catch (err) {
      log(`Maven resolution failed: ${(err as Error).message.split('\n')[0]}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  log('No Java/Maven here to resolve the test server; falling back to the Temporal SDK download (needs internet).');
  return { kind: 'sdk-download' };
}
