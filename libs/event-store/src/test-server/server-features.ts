import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';

/** The version a KurrentDB 25.0 node reports (major.minor.patch only, as the server trims it). */
export const KURRENTDB_25_VERSION = '25.0.0';
/** A node from before BatchAppend existed (20.6): the client then appends with Streams.Append. */
export const PRE_BATCH_APPEND_VERSION = '20.6.1';

const STREAMS = 'event_store.client.streams.streams';
const PERSISTENT = 'event_store.client.persistent_subscriptions.persistentsubscriptions';

/**
 * Every client-facing method a KurrentDB 25.x node lists in its answer: the server lists each
 * gRPC endpoint whose service name contains "client", lowercased, with these features — reads
 * of streams: `position` and `events`; persistent subscriptions: `stream` and `all`;
 * BatchAppend: `deadline_duration`; projection creation: `track_emitted_streams`.
 */
const KURRENTDB_25_METHODS: readonly (readonly [string, string, readonly string[]])[] = [
  [STREAMS, 'read', ['position', 'events']],
  [STREAMS, 'append', []],
  [STREAMS, 'delete', []],
  [STREAMS, 'tombstone', []],
  [STREAMS, 'batchappend', ['deadline_duration']],
  ...[
    'create',
    'update',
    'delete',
    'read',
    'getinfo',
    'replayparked',
    'list',
    'restartsubsystem',
  ].map((m) => [PERSISTENT, m, ['stream', 'all']] as const),
  ...[
    'create',
    'update',
    'delete',
    'statistics',
    'disable',
    'enable',
    'reset',
    'state',
    'result',
    'restartsubsystem',
  ].map(
    (m) =>
      [
        'event_store.client.projections.projections',
        m,
        m === 'create' ? ['track_emitted_streams'] : [],
      ] as const,
  ),
  ...[
    'startscavenge',
    'stopscavenge',
    'shutdown',
    'mergeindexes',
    'resignnode',
    'setnodepriority',
    'restartpersistentsubscriptions',
  ].map((m) => ['event_store.client.operations.operations', m, []] as const),
  ...[
    'create',
    'update',
    'delete',
    'disable',
    'enable',
    'details',
    'changepassword',
    'resetpassword',
  ].map((m) => ['event_store.client.users.users', m, []] as const),
  ['event_store.client.gossip.gossip', 'read', []],
  ['event_store.client.monitoring.monitoring', 'stats', []],
  ['event_store.client.redaction.redaction', 'geteventpositions', []],
  ['event_store.client.redaction.redaction', 'switchchunks', []],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
];

export interface AdvertisedMethod {
  readonly serviceName: string;
  readonly methodName: string;
  readonly features: readonly string[];
}

/** The list as a 25.x node sends it, or without BatchAppend (a node from before it existed). */
export const advertisedMethods = (batchAppend: boolean): AdvertisedMethod[] =>
  KURRENTDB_25_METHODS.filter(([, method]) => batchAppend || method !== 'batchappend').map(
    ([serviceName, methodName, features]) => ({ serviceName, methodName, features }),
  );

/**
 * ServerFeatures.GetSupportedMethods. The test server implements the calls the project's
 * adapter makes (Streams.Read, Append, BatchAppend; Streams.Read also serves catch-up
 * subscriptions) and answers UNIMPLEMENTED to the rest, but lists what a real node lists, so
 * the client takes the path it takes in production: with `batchappend` listed, every append
 * goes through Streams.BatchAppend.
 */
export const supportedMethodsHandler =
  (batchAppend: boolean) =>
  (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) =>
    callback(
      null,
      new SupportedMethods()
        .setEventStoreServerVersion(batchAppend ? KURRENTDB_25_VERSION : PRE_BATCH_APPEND_VERSION)
        .setMethodsList(
          advertisedMethods(batchAppend).map((m) =>
            new SupportedMethod()
              .setServiceName(m.serviceName)
              .setMethodName(m.methodName)
              .setFeaturesList([...m.features]),
          ),
        ),
    );
