import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  BadRequest,
  Timeout,
  Unknown,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Expectation } from './in-memory-log';

/** google.rpc.Status with its details packed as the server packs them (type event_store.client.*). */
const status = (code: Code, message: string, details: Uint8Array, type: string): Status => {
  const packed = new Any();
  packed.pack(details, `event_store.client.${type}`);
  return new Status().setCode(code).setMessage(message).setDetails(packed);
};

export const wrongExpectedVersion = (
  current: bigint | undefined,
  expected: Expectation,
): Status => {
  const details = new WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString(10));
  switch (expected.kind) {
    case 'revision':
      details.setExpectedStreamPosition(expected.revision.toString(10));
      break;
    case 'no_stream':
      details.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      details.setExpectedStreamExists(new Empty());
      break;
    case 'any':
      details.setExpectedAny(new Empty());
      break;
  }
  return status(
    Code.ALREADY_EXISTS,
    'WrongExpectedVersion',
    details.serializeBinary(),
    'WrongExpectedVersion',
  );
};

export const timeout = (): Status =>
  status(Code.DEADLINE_EXCEEDED, 'Timeout', new Timeout().serializeBinary(), 'Timeout');

export const badRequest = (message: string): Status =>
  status(
    Code.INVALID_ARGUMENT,
    message,
    new BadRequest().setMessage(message).serializeBinary(),
    'BadRequest',
  );

/** What a node answers when its own machinery fails (here: the journal could not be written). */
export const internalError = (message: string): Status =>
  status(Code.INTERNAL, message, new Unknown().serializeBinary(), 'Unknown');
