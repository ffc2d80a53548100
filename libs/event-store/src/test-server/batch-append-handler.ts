import type { ServerDuplexStream } from '@grpc/grpc-js';
import { AllStreamPosition } from '@eventstore/db-client/generated/shared_pb';
import type { UUID } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Clock } from '@lic/clock';
import { badRequest, internalError, timeout, wrongExpectedVersion } from './batch-append-status';
import { serialQueue, type Gate } from './gate';
import type { Expectation, InMemoryLog, ProposedEvent } from './in-memory-log';
import { streamIdentifier, streamNameOf, uuidToString } from './messages';
import { expectationFrom, proposedEventOf } from './proposed-event';

type BatchCall = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

export interface BatchAppendOptions {
  readonly log: InMemoryLog;
  readonly gate: Gate;
  /** Real time, to compare with the deadlines clients send (never a test's fixed clock). */
  readonly time: Clock;
  /** The server's own limit on any write (KurrentDB's WriteTimeoutMs, default 2,000). */
  readonly writeTimeoutMs: number;
}

interface PendingWrite {
  readonly correlationId: UUID | undefined;
  readonly streamName: string;
  readonly expectation: Expectation;
  readonly events: ProposedEvent[];
  readonly timer: NodeJS.Timeout;
}

const expectationOf = (options: BatchAppendReq.Options): Expectation | undefined =>
  expectationFrom(options, options.hasStreamPosition() ? options.getStreamPosition() : undefined);

function success(revision: bigint, position: bigint): BatchAppendResp.Success {
  const result = new BatchAppendResp.Success();
  if (revision < 0n) result.setNoStream(new Empty());
  else result.setCurrentRevision(revision.toString(10));
  if (position < 0n) result.setNoPosition(new Empty());
  else {
    result.setPosition(
      new AllStreamPosition()
        .setCommitPosition(position.toString(10))
        .setPreparePosition(position.toString(10)),
    );
  }
  return result;
}

/**
 * Streams.BatchAppend, as a KurrentDB node serves it: one long-lived bidirectional call per
 * client, shared by all its appends. Each request carries a correlation id; the first for a
 * correlation id carries the options (stream, expected revision, deadline), the events may
 * follow in several requests, and `is_final` submits the write. The answer comes back on the
 * same call with the same correlation id: success, or a google.rpc.Status whose details say
 * why (wrong expected version, timeout, bad request) — a conflict is an answer, not an error
 * of the call. A write not submitted before its deadline (or the server's write timeout, if
 * sooner) is answered with a timeout. When the client half-closes, the call ends once every
 * submitted write has been answered.
 */
export const batchAppendHandler =
  ({ log, gate, time, writeTimeoutMs }: BatchAppendOptions) =>
  (call: BatchCall): void => {
    const pending = new Map<string, PendingWrite>();
    const enqueue = serialQueue(gate);
    let over = false;
    const answer = (
      correlationId: UUID | undefined,
      streamName: string,
      result: BatchAppendResp.Success | Status,
    ): void => {
      if (over) return;
      const response = new BatchAppendResp().setStreamIdentifier(streamIdentifier(streamName));
      if (correlationId !== undefined) response.setCorrelationId(correlationId);
      if (result instanceof Status) response.setError(result);
      else response.setSuccess(result);
      call.write(response);
    };
    const stop = () => {
      over = true;
      for (const write of pending.values()) clearTimeout(write.timer);
      pending.clear();
    };

    const receive = (request: BatchAppendReq): void => {
      const correlationId = request.getCorrelationId();
      const key = uuidToString(correlationId);
      const options = request.getOptions();
      if (options !== undefined && !pending.has(key)) {
        if (!options.hasStreamIdentifier()) {
          answer(correlationId, '', badRequest('Required field StreamIdentifier not set.'));
          return;
        }
        const streamName = streamNameOf(options.getStreamIdentifier());
        const expectation = expectationOf(options);
        if (expectation === undefined) {
          answer(correlationId, streamName, badRequest('Expected stream position not set.'));
          return;
        }
        const deadline = options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
        const allowed = Math.min(deadline - time.now(), writeTimeoutMs);
        if (allowed <= 0) {
          answer(correlationId, streamName, timeout());
          return;
        }
        const timer = setTimeout(() => {
          if (pending.delete(key)) answer(correlationId, streamName, timeout());
        }, allowed);
        pending.set(key, { correlationId, streamName, expectation, events: [], timer });
      }
      const write = pending.get(key);
      if (write === undefined) return; // timed out or refused already: the rest is ignored
      try {
        for (const message of request.getProposedMessagesList()) {
          write.events.push(proposedEventOf(message));
        }
      } catch (error) {
        pending.delete(key);
        clearTimeout(write.timer);
        answer(correlationId, write.streamName, badRequest((error as Error).message));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      clearTimeout(write.timer);
      let outcome: ReturnType<InMemoryLog['append']>;
      try {
        outcome = log.append(write.streamName, write.events, write.expectation);
      } catch (error) {
        answer(correlationId, write.streamName, internalError((error as Error).message));
        return;
      }
      answer(
        correlationId,
        write.streamName,
        outcome.ok
          ? success(outcome.revision, outcome.position)
          : wrongExpectedVersion(outcome.current, write.expectation),
      );
    };

    call.on('data', (request: BatchAppendReq) => enqueue(() => receive(request)));
    call.on('end', () =>
      enqueue(() => {
        stop(); // writes never submitted are dropped with the call, as on a real server
        call.end();
      }),
    );
    call.on('cancelled', stop);
    call.on('error', stop);
  };
