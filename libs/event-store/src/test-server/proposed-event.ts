import { Metadata, status } from '@grpc/grpc-js';
import type { UUID } from '@eventstore/db-client/generated/shared_pb';
import type { Expectation, ProposedEvent } from './in-memory-log';
import { uuidToString } from './messages';

/** A request the server refuses, with the gRPC status and trailers a real server sends. */
export class RequestRejected extends Error {
  constructor(
    readonly code: status,
    details: string,
    readonly metadata = new Metadata(),
  ) {
    super(details);
  }
}

/** What Append's and BatchAppend's ProposedMessage have in common. */
interface ProposedMessage {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** An event as proposed: `type` and `content-type` are required, as on a real server. */
export function proposedEventOf(message: ProposedMessage): ProposedEvent {
  const map = message.getMetadataMap();
  const type = map.get('type');
  const contentType = map.get('content-type');
  if (!type || !contentType) {
    const metadata = new Metadata();
    metadata.set('exception', 'missing-required-metadata-property');
    metadata.set('required-metadata-properties', 'type,content-type');
    throw new RequestRejected(
      status.INVALID_ARGUMENT,
      `Required metadata property is missing: ${type ? 'content-type' : 'type'}`,
      metadata,
    );
  }
  return {
    id: uuidToString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** What Append's and BatchAppend's options have in common: which expectation is set. */
interface ExpectationOptions {
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
  hasAny(): boolean;
}

/** The expected revision an append's options name (undefined: none is set). */
export function expectationFrom(
  options: ExpectationOptions,
  revision: string | undefined,
): Expectation | undefined {
  if (revision !== undefined) return { kind: 'revision', revision: BigInt(revision) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasAny()) return { kind: 'any' };
  return undefined;
}
