import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import type { LoggedEvent } from './in-memory-log';

/** Which UUID encoding the reader asked for (ReadReq.Options.uuid_option). */
export type UuidFormat = 'string' | 'structured';

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const streamIdentifier = (streamName: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

/** A UUID message as a lowercase string, whichever encoding the client used. */
export function uuidToString(uuid: UUID | undefined): string {
  if (uuid === undefined) return randomUUID();
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  if (structured === undefined) return randomUUID();
  const hex = (value: string) => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
  const h = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function uuidMessage(id: string, format: UuidFormat): UUID {
  if (format === 'string') return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const signed = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString(10);
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(signed(hex.slice(0, 16)))
      .setLeastSignificantBits(signed(hex.slice(16, 32))),
  );
}

/** An event as a read or subscription hands it over. */
export function eventResponse(
  event: LoggedEvent,
  format: UuidFormat,
  withCommitPosition: boolean,
): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, format))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString(10))
    .setPreparePosition(event.position.toString(10))
    .setCommitPosition(event.position.toString(10))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString(10));
  const read = new ReadResp.ReadEvent().setEvent(recorded);
  // $all reads carry the position of the record; stream reads report none.
  if (withCommitPosition) read.setCommitPosition(event.position.toString(10));
  else read.setNoPosition(new Empty());
  return new ReadResp().setEvent(read);
}

export const streamNotFoundResponse = (streamName: string): ReadResp =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );

export const confirmationResponse = (subscriptionId: string): ReadResp =>
  new ReadResp().setConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId),
  );

export const checkpointResponse = (position: bigint): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(position.toString(10))
      .setPreparePosition(position.toString(10)),
  );

export const caughtUpResponse = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
