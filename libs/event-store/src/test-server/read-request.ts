import { status } from '@grpc/grpc-js';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { eventFilterFrom, type EventFilter } from './event-filter';
import { streamNameOf, type UuidFormat } from './messages';

export type ReadFrom = 'start' | 'end' | bigint;

interface CommonRead {
  readonly backwards: boolean;
  /** undefined: a subscription (catch-up, then live). */
  readonly count: bigint | undefined;
  readonly uuidFormat: UuidFormat;
}

export interface StreamRead extends CommonRead {
  readonly kind: 'stream';
  readonly streamName: string;
  /** A revision. */
  readonly from: ReadFrom;
}

export interface AllRead extends CommonRead {
  readonly kind: 'all';
  /** A commit position. */
  readonly from: ReadFrom;
  readonly filter: EventFilter | undefined;
}

export type ReadRequest = StreamRead | AllRead;

/** A read the server refuses, with the status a real server answers it with. */
export class ReadRejected extends Error {
  constructor(
    readonly code: status,
    details: string,
  ) {
    super(details);
  }
}

const invalid = (details: string) => new ReadRejected(status.INVALID_ARGUMENT, details);

/**
 * ReadReq -> a plain description of what the client asked for. Refuses what a real server
 * refuses: no uuid option; a filter on a stream read; a subscription that is not forwards,
 * or a stream subscription with a filter.
 */
export function parseReadRequest(request: ReadReq): ReadRequest {
  const options = request.getOptions();
  if (options === undefined) throw invalid("'options' is a required argument");
  const Options = ReadReq.Options;
  if (options.getUuidOption() === undefined) throw invalid("'uuidOption' is a required argument");
  const onStream = options.getStreamOptionCase() === Options.StreamOptionCase.STREAM;
  const filterCase = options.getFilterOptionCase();
  const subscription = options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION;
  if (
    filterCase === Options.FilterOptionCase.FILTER_OPTION_NOT_SET ||
    (onStream && filterCase === Options.FilterOptionCase.FILTER) ||
    (subscription && options.getReadDirection() !== Options.ReadDirection.FORWARDS)
  ) {
    throw invalid('The combination of the read options is invalid.');
  }
  const common: CommonRead = {
    backwards: options.getReadDirection() === Options.ReadDirection.BACKWARDS,
    count:
      options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION
        ? undefined
        : BigInt(options.getCount() || '0'),
    uuidFormat:
      options.getUuidOption()?.getContentCase() === Options.UUIDOption.ContentCase.STRUCTURED
        ? 'structured'
        : 'string',
  };
  switch (options.getStreamOptionCase()) {
    case Options.StreamOptionCase.STREAM: {
      const stream = options.getStream();
      if (stream === undefined) throw invalid('stream options missing');
      const Case = Options.StreamOptions.RevisionOptionCase;
      const from: ReadFrom =
        stream.getRevisionOptionCase() === Case.REVISION
          ? BigInt(stream.getRevision())
          : stream.getRevisionOptionCase() === Case.END
            ? 'end'
            : 'start';
      return {
        ...common,
        kind: 'stream',
        streamName: streamNameOf(stream.getStreamIdentifier()),
        from,
      };
    }
    case Options.StreamOptionCase.ALL: {
      const all = options.getAll();
      if (all === undefined) throw invalid('$all options missing');
      const Case = Options.AllOptions.AllOptionCase;
      const position = all.getPosition();
      const from: ReadFrom =
        all.getAllOptionCase() === Case.POSITION && position !== undefined
          ? BigInt(position.getCommitPosition())
          : all.getAllOptionCase() === Case.END
            ? 'end'
            : 'start';
      const filterOptions = options.getFilter();
      const filter =
        options.getFilterOptionCase() === Options.FilterOptionCase.FILTER && filterOptions
          ? eventFilterFrom(filterOptions)
          : undefined;
      return { ...common, kind: 'all', from, filter };
    }
    default:
      throw invalid('ReadReq names neither a stream nor $all');
  }
}
