import { Server, ServerCredentials, status, type ServerWritableStream } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { SystemClock, type Clock } from '@lic/clock';
import { appendHandler } from './append-handler';
import { batchAppendHandler } from './batch-append-handler';
import { FileJournal } from './file-journal';
import { Gate } from './gate';
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
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Stamps the `created` field of events. */
  readonly clock?: Clock;
  /**
   * true (default): advertise and serve Streams.BatchAppend, as every KurrentDB 25 node does
   * (the client then appends through it). false: a node from before BatchAppend, which the
   * client appends to with Streams.Append.
   */
  readonly batchAppend?: boolean;
  /**
   * Keep the log in this file (one JSON line per write, written before the write is
   * acknowledged) and load it on start: a restarted server has every event it acknowledged.
   * Default: in memory only.
   */
  readonly file?: string;
  /** The server's own limit on a write, like KurrentDB's WriteTimeoutMs (default 2,000). */
  readonly writeTimeoutMs?: number;
  /** Event ids remembered for idempotent `any` writes (default 100,000). */
  readonly idCacheSize?: number;
}

export type CountedMethod = 'read' | 'append' | 'batchAppend' | 'getSupportedMethods';

export interface EsdbTestServer {
  /** `esdb://<host>:<port>?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  /**
   * Ends every live subscription call with the given status (default UNAVAILABLE, as when a
   * node goes away), like a server dropping its subscribers. Returns how many were dropped.
   */
  dropSubscriptions(code?: status): number;
  /** How many calls of each method the server has received (which append path a client took). */
  callCounts(): Readonly<Record<CountedMethod, number>>;
  /** Stops answering anything (a hung node) until resume(); nothing is lost, only delayed. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * A gRPC server that speaks the part of the KurrentDB (EventStoreDB) protocol the
 * @eventstore/db-client 6.x client uses — Streams.BatchAppend, Streams.Append, Streams.Read
 * (reads and catch-up subscriptions), ServerFeatures — with a real node's semantics for
 * them: conflicts, idempotent retries, commit-ordered sparse positions, $maxCount, system
 * events in $all. A test double of a real server: no TLS, no authentication, no cluster, no
 * deletes, no persistent subscriptions or projections (answered UNIMPLEMENTED).
 */
export async function startEsdbTestServer(
  options: EsdbTestServerOptions = {},
): Promise<EsdbTestServer> {
  const batchAppend = options.batchAppend ?? true;
  const opened = options.file === undefined ? undefined : FileJournal.open(options.file);
  const log = new InMemoryLog(options.clock ?? new SystemClock(), {
    idCacheSize: options.idCacheSize,
    journal: opened?.journal,
  });
  if (opened !== undefined && opened.restored.events.length > 0) {
    log.restore(opened.restored.events, opened.restored.nextPosition);
  } else {
    writeSystemEvents(log); // a fresh node's first events
  }
  const gate = new Gate();
  const counts: Record<CountedMethod, number> = {
    read: 0,
    append: 0,
    batchAppend: 0,
    getSupportedMethods: 0,
  };
  const counted =
    <A extends unknown[]>(method: CountedMethod, handler: (...args: A) => void) =>
    (...args: A): void => {
      counts[method]++;
      handler(...args);
    };
  const live = new Map<AbortController, ServerWritableStream<ReadReq, ReadResp>>();
  const calls = new Set<AbortController>();

  const read = (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    const controller = new AbortController();
    calls.add(controller);
    call.on('cancelled', () => controller.abort());
    const writer = new ResponseWriter(call, controller.signal, gate);
    const serve = async () => {
      await gate.passed();
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
  server.addService(StreamsService, {
    read: counted('read', read),
    append: counted('append', appendHandler(log, gate)),
    ...(batchAppend
      ? {
          batchAppend: counted(
            'batchAppend',
            batchAppendHandler({
              log,
              gate,
              time: new SystemClock(),
              writeTimeoutMs: options.writeTimeoutMs ?? 2_000,
            }),
          ),
        }
      : {}),
  });
  const features = supportedMethodsHandler(batchAppend);
  server.addService(ServerFeaturesService, {
    getSupportedMethods: counted(
      'getSupportedMethods',
      (...args: Parameters<typeof features>) => void gate.passed().then(() => features(...args)),
    ),
  });
  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${host}:${options.port ?? 0}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );

  return {
    connectionString: `esdb://${host.includes(':') ? `[${host}]` : host}:${port}?tls=false`,
    port,
    dropSubscriptions(code = status.UNAVAILABLE) {
      const dropped = [...live];
      for (const [controller, call] of dropped) {
        controller.abort();
        live.delete(controller);
        call.emit('error', { code, details: 'subscription dropped by the test server' });
      }
      return dropped.length;
    },
    callCounts: () => ({ ...counts }),
    pause: () => gate.pause(),
    resume: () => gate.resume(),
    async stop() {
      gate.resume();
      for (const controller of calls) controller.abort();
      server.forceShutdown();
      opened?.journal.close();
    },
  };
}
