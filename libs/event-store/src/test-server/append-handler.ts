import { status, type sendUnaryData, type ServerReadableStream } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { Gate } from './gate';
import type { Expectation, InMemoryLog, ProposedEvent } from './in-memory-log';
import { streamNameOf } from './messages';
import { RequestRejected, expectationFrom, proposedEventOf } from './proposed-event';

type AppendCall = ServerReadableStream<AppendReq, AppendResp>;

function expectationOf(options: AppendReq.Options): Expectation {
  const revision = options.hasRevision() ? options.getRevision() : undefined;
  const expectation = expectationFrom(options, revision);
  if (expectation === undefined) {
    throw new RequestRejected(
      status.INVALID_ARGUMENT,
      'append options without an expected revision',
    );
  }
  return expectation;
}

function wrongExpectedVersion(expectation: Expectation, current: bigint | undefined): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current === undefined) {
    wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  } else {
    wrong.setCurrentRevision(current.toString(10)).setCurrentRevision2060(Number(current));
  }
  switch (expectation.kind) {
    case 'revision':
      wrong
        .setExpectedRevision(expectation.revision.toString(10))
        .setExpectedRevision2060(Number(expectation.revision));
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
      break;
    case 'any':
      wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
      break;
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function success(revision: bigint, position: bigint): AppendResp {
  const result = new AppendResp.Success();
  if (revision < 0n) result.setNoStream(new Empty());
  else result.setCurrentRevision(revision.toString(10));
  if (position < 0n) result.setNoPosition(new Empty());
  else {
    result.setPosition(
      new AppendResp.Position()
        .setCommitPosition(position.toString(10))
        .setPreparePosition(position.toString(10)),
    );
  }
  return new AppendResp().setSuccess(result);
}

/**
 * Streams.Append (client streaming): the options message, then one message per event. A
 * revision conflict is an answer (wrong_expected_version), not a gRPC error, as on a real server.
 */
export const appendHandler =
  (log: InMemoryLog, gate: Gate) =>
  (call: AppendCall, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let rejected: RequestRejected | undefined;
    call.on('data', (request: AppendReq) => {
      if (rejected !== undefined) return;
      try {
        if (options === undefined) {
          options = request.getOptions();
          if (options === undefined) {
            throw new RequestRejected(
              status.INVALID_ARGUMENT,
              'the first append message must be the options',
            );
          }
          return;
        }
        const message = request.getProposedMessage();
        if (message === undefined) {
          throw new RequestRejected(status.INVALID_ARGUMENT, 'expected a proposed message');
        }
        events.push(proposedEventOf(message));
      } catch (error) {
        if (!(error instanceof RequestRejected)) throw error;
        rejected = error;
      }
    });
    call.on('end', () => void gate.passed().then(() => answer()));
    const answer = () => {
      try {
        if (rejected !== undefined) throw rejected;
        if (options === undefined)
          throw new RequestRejected(status.INVALID_ARGUMENT, 'no append options');
        const expectation = expectationOf(options);
        const outcome = log.append(
          streamNameOf(options.getStreamIdentifier()),
          events,
          expectation,
        );
        callback(
          null,
          outcome.ok
            ? success(outcome.revision, outcome.position)
            : wrongExpectedVersion(expectation, outcome.current),
        );
      } catch (error) {
        if (error instanceof RequestRejected) {
          callback({ code: error.code, details: error.message, metadata: error.metadata });
        } else callback({ code: status.INTERNAL, details: (error as Error).message });
      }
    };
  };
