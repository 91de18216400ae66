import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import protos, { type temporal } from '@temporalio/proto';
import { toEphemeralExecutable, temporalUnavailable } from '../platform/executables';
import { resolveTestServer } from '../platform/test-server';
import { batonSearchAttributes } from '../temporal/search-attributes';

// A CommonJS package: its namespace is the default export under Node's ESM loader.
const IndexedValueType = protos.temporal.api.enums.v1.IndexedValueType;
const INDEXED_VALUE_TYPES: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/** The test server knows no custom search attributes until they are added, like any server. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const searchAttributes = Object.fromEntries(batonSearchAttributes.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]]));
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

/** The provisioned time-skipping test server with Baton's search attributes. */
export async function createSimulationEnvironment(log: (line: string) => void = () => {}): Promise<TestWorkflowEnvironment> {
  let env: TestWorkflowEnvironment;
  try {
    const server = await resolveTestServer(log);
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: toEphemeralExecutable(server) } });
  } catch (err) {
    throw temporalUnavailable(err);
  }
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
