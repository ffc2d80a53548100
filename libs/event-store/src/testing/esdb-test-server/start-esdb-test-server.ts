import { Server, ServerCredentials, status, type ServerWritableStream } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { SystemClock, type Clock } from '@lic/clock';
import { appendHandler } from './append-handler';
import { InMemoryLog } from './in-memory-log';
import { answerRead } from './read-handler';
import { ReadRejected, parseReadRequest } from './read-request';
import { ResponseWriter } from './response-writer';
import { supportedMethodsHandler } from './server-features';
import { runSubscription } from './subscription-handler';
import { writeSystemEvents } from './system-events';

export interface EsdbTestServerOptions {
  /** 0 (default): a free port chosen by the system. */
  readonly port?: number;
  /** Stamps the `created` field of events. */
  readonly clock?: Clock;
}

export interface EsdbTestServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  /**
   * Ends every live subscription call with the given status (default UNAVAILABLE, as when a
   * node goes away), like a server dropping its subscribers. Returns how many were dropped.
   */
  dropSubscriptions(code?: status): number;
  stop(): Promise<void>;
}

/**
 * An in-process gRPC server that speaks the part of the EventStoreDB protocol the
 * @eventstore/db-client 6.x client uses for appends, reads and catch-up subscriptions, over
 * an in-memory log. A test double of a real server: no persistence, no TLS, no auth, no
 * BatchAppend, Delete or Tombstone (answered UNIMPLEMENTED), no persistent subscriptions.
 */
export async function startEsdbTestServer(
  options: EsdbTestServerOptions = {},
): Promise<EsdbTestServer> {
  const log = new InMemoryLog(options.clock ?? new SystemClock());
  writeSystemEvents(log);
  const live = new Map<AbortController, ServerWritableStream<ReadReq, ReadResp>>();
  const calls = new Set<AbortController>();

  const read = (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    const controller = new AbortController();
    calls.add(controller);
    call.on('cancelled', () => controller.abort());
    const writer = new ResponseWriter(call, controller.signal);
    const serve = async () => {
      const request = parseReadRequest(call.request);
      if (request.count === undefined) {
        live.set(controller, call);
        await runSubscription(log, request, writer, controller.signal);
      } else {
        await answerRead(log, request, writer);
        if (!controller.signal.aborted) call.end();
      }
    };
    serve()
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const code = error instanceof ReadRejected ? error.code : status.INTERNAL;
        call.emit('error', { code, details: (error as Error).message });
      })
      .finally(() => {
        live.delete(controller);
        calls.delete(controller);
      });
  };

  const server = new Server();
  server.addService(StreamsService, { read, append: appendHandler(log) });
  server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${options.port ?? 0}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    dropSubscriptions(code = status.UNAVAILABLE) {
      const dropped = [...live];
      for (const [controller, call] of dropped) {
        controller.abort();
        live.delete(controller);
        call.emit('error', { code, details: 'subscription dropped by the test server' });
      }
      return dropped.length;
    },
    async stop() {
      for (const controller of calls) controller.abort();
      server.forceShutdown();
    },
  };
}
