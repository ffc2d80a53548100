import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';

export const TEST_SERVER_VERSION = '0.0.0-in-process-test-double';

/**
 * ServerFeatures.GetSupportedMethods: advertises exactly what this server implements. Without
 * `batchappend` in the list, the client appends through plain Streams.Append.
 */
export function supportedMethodsHandler(
  _call: ServerUnaryCall<Empty, SupportedMethods>,
  callback: sendUnaryData<SupportedMethods>,
): void {
  const method = (serviceName: string, methodName: string) =>
    new SupportedMethod().setServiceName(serviceName).setMethodName(methodName);
  callback(
    null,
    new SupportedMethods()
      .setEventStoreServerVersion(TEST_SERVER_VERSION)
      .setMethodsList([
        method('event_store.client.streams.streams', 'read'),
        method('event_store.client.streams.streams', 'append'),
        method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
      ]),
  );
}
