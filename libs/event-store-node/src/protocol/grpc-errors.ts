import { Metadata, status } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { describeExpectation, ExpectedRevision } from '../engine/expected-revision';

/*
 * Errors travel as gRPC status + trailers. The client decides on the `exception` trailer first and requires the
 * trailers listed for it (a missing one throws inside the client's callback): see @eventstore/db-client
 * dist/utils/CommandError.js. EventStoreDB answers these with FAILED_PRECONDITION.
 */
function error(code: status, details: string, trailers: Record<string, string>): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function wrongExpectedVersionError(streamId: string, expected: ExpectedRevision, currentRevision: number): ServerErrorResponse {
  // `expected-version` must parse as a BigInt: EventStoreDB sends -2 (any), -1 (no stream), -4 (stream exists).
  const expectedVersion = expected.kind === 'exact' ? String(expected.revision) : { any: '-2', no_stream: '-1', stream_exists: '-4' }[expected.kind];
  return error(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${streamId}, Expected version: ${describeExpectation(expected)}, Actual version: ${currentRevision < 0 ? 'no stream' : currentRevision}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamId,
      'expected-version': expectedVersion,
      'actual-version': currentRevision < 0 ? '' : String(currentRevision),
    },
  );
}

export function streamDeletedError(streamId: string): ServerErrorResponse {
  return error(status.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, { exception: 'stream-deleted', 'stream-name': streamId });
}

export function maximumAppendSizeError(maxAppendSize: number, size: number): ServerErrorResponse {
  return error(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded (append of ${size} bytes).`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

export function invalidArgumentError(details: string): ServerErrorResponse {
  return error(status.INVALID_ARGUMENT, details, { exception: 'invalid-argument' });
}

export function unavailableError(details: string): ServerErrorResponse {
  return error(status.UNAVAILABLE, details, {});
}

export function internalError(details: string): ServerErrorResponse {
  return error(status.INTERNAL, details, {});
}
