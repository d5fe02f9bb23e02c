import { isCommandError, StreamDeletedError, WrongExpectedVersionError } from '@eventstore/db-client';

/** Another writer got there first: the stream is not at the revision the command was decided on. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamName: string,
    readonly expectedRevision: bigint | 'no_stream',
    readonly actualRevision: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName} is at revision ${actualRevision}, not ${expectedRevision} as expected`);
  }
}

/** The stream was deleted for good (tombstoned): nothing can be read from or written to it. */
export class StreamGoneError extends Error {
  readonly code = 'STREAM_DELETED';

  constructor(readonly streamName: string) {
    super(`Stream ${streamName} has been deleted`);
  }
}

/** The one place where the EventStoreDB client's error classes become ours. Anything else is rethrown as is. */
export function mapClientError(error: unknown, streamName: string): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  if (error instanceof WrongExpectedVersionError) {
    const expected = typeof error.expectedVersion === 'bigint' ? error.expectedVersion : 'no_stream';
    const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : 'no_stream';
    return new ConcurrencyConflictError(streamName, expected, actual);
  }
  if (error instanceof StreamDeletedError) return new StreamGoneError(streamName);
  return error;
}
