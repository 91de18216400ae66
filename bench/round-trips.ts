import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** A client whose every gRPC call to the server is counted: `roundTrips()` so far. */
export interface CountingClient {
  client: Client;
  roundTrips(): number;
  close(): Promise<void>;
}

export async function connectCountingClient(address: string, namespace: string): Promise<CountingClient> {
  let calls = 0;
  // After the SDK's retry interceptor, so that a retried call counts each time it goes to the server.
  const counting: GrpcInterceptor = (options, nextCall) => {
    calls += 1;
    return nextCall(options) as ReturnType<GrpcInterceptor>;
  };
  const connection = await Connection.connect({ address, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), counting] });
  return { client: new Client({ connection, namespace }), roundTrips: () => calls, close: () => connection.close() };
}
