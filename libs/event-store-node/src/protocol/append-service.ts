import type { sendUnaryData, ServerDuplexStream, ServerReadableStream, ServerUnaryCall } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { EventStoreEngine } from '../engine/event-store-engine';
import { ExpectedRevision } from '../engine/expected-revision';
import { ProposedEvent, proposedSize } from '../engine/proposed-event';
import { WriteResult } from '../engine/write-results';
import {
  internalError,
  invalidArgumentError,
  maximumAppendSizeError,
  streamDeletedError,
  unavailableError,
  wrongExpectedVersionError,
} from './grpc-errors';
import { BatchAppendRequest } from './batch-append-request';
import { enableFramedMessages, FramedBatch } from './framed-messages';
import { expectedRevisionOf, expectedRevisionOfOptions, InvalidRequestError, streamNameOf, uuidOf, WireUuid } from './request-fields';

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

interface BatchCallState {
  /**
   * Answers ready to go. Appends finishing in the same group commit are answered in one HTTP/2 write (flushed on
   * the next turn of the event loop) instead of one write each.
   */
  outbox: FramedBatch;
  flushScheduled: boolean;
  /** Appends accepted on this call and not yet answered. */
  inFlight: number;
  /** The client half-closed, or the node is stopping: end the call once nothing is in flight. */
  ending: boolean;
}

/** A batch append arriving in chunks (the client splits at ~3 MB), collected until `is_final`. */
interface PendingBatch {
  options?: BatchAppendRequest['options'];
  events: ProposedEvent[];
  size: number;
  /** Already answered with an error; later chunks are dropped. */
  refused: boolean;
}

function proposedEventOf(message: ProposedMessage, index: number): ProposedEvent {
  const metadata = message.getMetadataMap();
  const eventType = metadata.get('type');
  if (!eventType) throw new InvalidRequestError(`proposed_messages[${index}].metadata.type is required`);
  const contentType = metadata.get('content-type') ?? 'application/octet-stream';
  return {
    eventId: uuidOf(message.getId(), `proposed_messages[${index}].id`),
    eventType,
    isJson: contentType === 'application/json',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function errorOf(result: WriteResult) {
  switch (result.kind) {
    case 'wrong_expected_version':
      return wrongExpectedVersionError(result.streamId, result.expected, result.currentRevision);
    case 'stream_deleted':
      return streamDeletedError(result.streamId);
    case 'too_large':
      return maximumAppendSizeError(result.maxAppendSize, result.size);
    default:
      return internalError('unexpected write result');
  }
}

/** Serves the write side of `Streams`: Append (legacy), BatchAppend, Delete and Tombstone. */
export class AppendService {
  private readonly batchCalls = new Map<ServerDuplexStream<BatchAppendRequest, BatchAppendResp>, BatchCallState>();
  private closing = false;
  private readonly coalesce = enableFramedMessages();

  constructor(private readonly engine: EventStoreEngine) {}

  /**
   * Graceful shutdown of the long-lived BatchAppend calls: each ends once the appends it already accepted are
   * answered; requests arriving from now on are refused as unavailable.
   */
  closeBatchCalls(): void {
    this.closing = true;
    for (const [call, state] of this.batchCalls) {
      state.ending = true;
      this.endIfIdle(call, state);
    }
  }

  private endIfIdle(call: ServerDuplexStream<BatchAppendRequest, BatchAppendResp>, state: BatchCallState): void {
    if (!state.ending || state.inFlight > 0) return;
    this.batchCalls.delete(call);
    if (call.cancelled || call.destroyed) return;
    this.flushAnswers(call, state);
    // On shutdown the call fails as it would if a real node went away: the client drops the call (and can
    // reconnect), whereas a plain end would leave its half of the call open forever. Nothing is in flight here.
    if (this.closing) call.emit('error', unavailableError('The node is shutting down'));
    else call.end();
  }

  /** Legacy client-streaming append: options first, then one message per event, answered once at the end. */
  append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    let streamId: string | undefined;
    let expected: ExpectedRevision = { kind: 'any' };
    const events: ProposedEvent[] = [];
    let size = 0;
    let answered = false;
    const answer = (error: Error | null, response?: AppendResp) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };
    call.on('data', (request: AppendReq) => {
      if (answered) return;
      try {
        if (request.hasOptions()) {
          const options = request.getOptions()!;
          streamId = streamNameOf(options.getStreamIdentifier(), 'options.stream_identifier');
          expected = expectedRevisionOfOptions(options);
        } else if (request.hasProposedMessage()) {
          const event = proposedEventOf(request.getProposedMessage()!, events.length);
          events.push(event);
          size += proposedSize([event]);
          // Refuse as soon as the limit is passed rather than buffering an arbitrarily large append.
          if (size > this.engine.maxAppendSize) answer(maximumAppendSizeError(this.engine.maxAppendSize, size));
        }
      } catch (error) {
        answer(error instanceof InvalidRequestError ? invalidArgumentError(error.message) : internalError(String(error)));
      }
    });
    call.on('end', () => {
      if (answered) return;
      if (!streamId) return answer(invalidArgumentError('options with stream_identifier must come first'));
      let result: WriteResult;
      try {
        result = this.engine.append(streamId, expected, events);
      } catch (error) {
        return answer(internalError((error as Error).message));
      }
      if (result.kind === 'wrong_expected_version') return answer(null, legacyWrongExpectedVersion(result.expected, result.currentRevision));
      if (result.kind !== 'success') return answer(errorOf(result));
      result.durable.then(
        () => answer(null, legacySuccess(result.currentRevision, result.position)),
        (error: Error) => answer(internalError(error.message)),
      );
    });
    call.on('error', () => answer(internalError('append call failed')));
  }

  /**
   * BatchAppend: one long-lived bidirectional call per client channel. Every request is answered with its
   * correlation id (an unanswered one hangs the client forever); failures are per request, never for the whole call.
   */
  batchAppend(call: ServerDuplexStream<BatchAppendRequest, BatchAppendResp>): void {
    const pending = new Map<string, PendingBatch>();
    const state: BatchCallState = { outbox: new FramedBatch(), flushScheduled: false, inFlight: 0, ending: false };
    this.batchCalls.set(call, state);
    call.on('data', (request: BatchAppendRequest) => {
      const correlationId = request.correlationId;
      const key = correlationId ? ('string' in correlationId ? correlationId.string : `${correlationId.mostSignificantBits}:${correlationId.leastSignificantBits}`) : '';
      if (this.closing) {
        this.answerBatch(call, correlationId, request.options?.streamName, Promise.resolve(errorStatus(status.UNAVAILABLE, 'The node is shutting down')));
        return;
      }
      let batch = pending.get(key);
      if (!batch) {
        batch = { events: [], size: 0, refused: false };
        pending.set(key, batch);
      }
      if (request.options) batch.options = request.options;
      if (!batch.refused) {
        if (request.invalid) {
          batch.refused = true;
          this.answerBatch(call, correlationId, batch.options?.streamName, Promise.resolve(errorStatus(status.INVALID_ARGUMENT, request.invalid)));
        } else {
          for (const event of request.events) batch.events.push(event);
          batch.size += proposedSize(request.events);
          // Refuse as soon as the limit is passed rather than buffering an arbitrarily large append.
          if (batch.size > this.engine.maxAppendSize) {
            batch.refused = true;
            this.answerBatch(call, correlationId, batch.options?.streamName, Promise.resolve(statusOf({ kind: 'too_large', maxAppendSize: this.engine.maxAppendSize, size: batch.size })));
          }
        }
        if (batch.refused) batch.events = [];
      }
      if (!request.isFinal) return;
      pending.delete(key);
      if (!batch.refused) this.answerBatch(call, correlationId, batch.options?.streamName, this.decideBatch(batch.options, batch.events));
    });
    call.on('end', () => {
      state.ending = true;
      this.endIfIdle(call, state);
    });
    const forget = () => {
      pending.clear();
      this.batchCalls.delete(call);
    };
    call.on('error', forget);
    call.on('cancelled', forget);
  }

  deleteStream(call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void {
    this.deleteOrTombstone(call.request.getOptions(), 'delete', callback, (position) => {
      const response = new DeleteResp();
      response.setPosition(new DeleteResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)));
      return response;
    });
  }

  tombstone(call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void {
    this.deleteOrTombstone(call.request.getOptions(), 'tombstone', callback, (position) => {
      const response = new TombstoneResp();
      response.setPosition(new TombstoneResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)));
      return response;
    });
  }

  private deleteOrTombstone<Response>(
    options: DeleteReq.Options | TombstoneReq.Options | undefined,
    kind: 'delete' | 'tombstone',
    callback: sendUnaryData<Response>,
    respond: (position: number) => Response,
  ): void {
    let result: WriteResult;
    try {
      if (!options) throw new InvalidRequestError('options are required');
      const streamId = streamNameOf(options.getStreamIdentifier(), 'options.stream_identifier');
      const expected = expectedRevisionOfOptions(options);
      result = kind === 'delete' ? this.engine.softDelete(streamId, expected) : this.engine.tombstone(streamId, expected);
    } catch (error) {
      return callback(error instanceof InvalidRequestError ? invalidArgumentError(error.message) : internalError(String(error)));
    }
    if (result.kind !== 'success') return callback(errorOf(result));
    const position = result.position;
    result.durable.then(
      () => callback(null, respond(position)),
      (error: Error) => callback(internalError(error.message)),
    );
  }

  private async decideBatch(options: BatchAppendRequest['options'], events: ProposedEvent[]): Promise<BatchAppendResp.Success | Status> {
    try {
      if (!options) throw new InvalidRequestError('options are required in the first chunk of a batch append');
      if (!options.streamName) throw new InvalidRequestError('options.stream_identifier is required');
      const streamId = options.streamName;
      const expected = expectedRevisionOf(options.expected);
      const result = this.engine.append(streamId, expected, events);
      if (result.kind !== 'success') return statusOf(result);
      await result.durable;
      const success = new BatchAppendResp.Success();
      if (result.currentRevision < 0) success.setNoStream(new ProtobufEmpty());
      else success.setCurrentRevision(String(result.currentRevision));
      if (result.position < 0) success.setNoPosition(new ProtobufEmpty());
      else success.setPosition(new AllStreamPosition().setCommitPosition(String(result.position)).setPreparePosition(String(result.position)));
      return success;
    } catch (error) {
      const code = error instanceof InvalidRequestError ? status.INVALID_ARGUMENT : status.INTERNAL;
      return errorStatus(code, (error as Error).message);
    }
  }

  private answerBatch(
    call: ServerDuplexStream<BatchAppendRequest, BatchAppendResp>,
    correlationId: WireUuid | undefined,
    streamName: string | undefined,
    outcome: Promise<BatchAppendResp.Success | Status>,
  ): void {
    const state = this.batchCalls.get(call);
    if (state) state.inFlight++;
    void outcome.then((result) => {
      if (state) state.inFlight--;
      if (call.cancelled || call.destroyed) return;
      const response = new BatchAppendResp();
      if (correlationId) response.setCorrelationId(uuidMessage(correlationId));
      // The client reads the stream name from every error response, so it must always be present.
      response.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName ?? '', 'utf8')));
      if (result instanceof Status) response.setError(result);
      else response.setSuccess(result);
      if (!state || !this.coalesce) {
        call.write(response);
      } else {
        state.outbox.add(response.serializeBinary());
        if (!state.flushScheduled) {
          state.flushScheduled = true;
          setImmediate(() => this.flushAnswers(call, state));
        }
      }
      if (state) this.endIfIdle(call, state);
    });
  }

  private flushAnswers(call: ServerDuplexStream<BatchAppendRequest, BatchAppendResp>, state: BatchCallState): void {
    state.flushScheduled = false;
    const framed = state.outbox.take();
    if (framed && !call.cancelled && !call.destroyed && call.writable) call.write(framed as unknown as BatchAppendResp);
  }
}

function uuidMessage(uuid: WireUuid): UUID {
  if ('string' in uuid) return new UUID().setString(uuid.string);
  return new UUID().setStructured(
    new UUID.Structured().setMostSignificantBits(String(uuid.mostSignificantBits)).setLeastSignificantBits(String(uuid.leastSignificantBits)),
  );
}

function legacySuccess(currentRevision: number, position: number): AppendResp {
  const success = new AppendResp.Success();
  if (currentRevision < 0) success.setNoStream(new Empty());
  else success.setCurrentRevision(String(currentRevision));
  if (position < 0) success.setNoPosition(new Empty());
  else success.setPosition(new AppendResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)));
  return new AppendResp().setSuccess(success);
}

function legacyWrongExpectedVersion(expected: ExpectedRevision, currentRevision: number): AppendResp {
  const details = new AppendResp.WrongExpectedVersion();
  if (currentRevision < 0) details.setCurrentNoStream(new Empty());
  else details.setCurrentRevision(String(currentRevision));
  if (expected.kind === 'exact') details.setExpectedRevision(String(expected.revision));
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new Empty());
  else details.setExpectedAny(new Empty());
  return new AppendResp().setWrongExpectedVersion(details);
}

function errorStatus(code: status, message: string, detail?: { bytes: Uint8Array; typeName: string }): Status {
  const result = new Status();
  result.setCode(code as number);
  result.setMessage(message);
  const any = new Any();
  // The client always unpacks the details: send `Unknown` when there is nothing more specific.
  any.pack(detail?.bytes ?? new Uint8Array(0), detail?.typeName ?? 'event_store.client.Unknown');
  result.setDetails(any);
  return result;
}

function statusOf(result: WriteResult): Status {
  switch (result.kind) {
    case 'wrong_expected_version': {
      const details = new WrongExpectedVersion();
      if (result.currentRevision < 0) details.setCurrentNoStream(new ProtobufEmpty());
      else details.setCurrentStreamRevision(String(result.currentRevision));
      const expected = result.expected;
      if (expected.kind === 'exact') details.setExpectedStreamPosition(String(expected.revision));
      else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
      else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
      else details.setExpectedAny(new ProtobufEmpty());
      return errorStatus(status.FAILED_PRECONDITION, `Wrong expected version for stream ${result.streamId}`, {
        bytes: details.serializeBinary(),
        typeName: 'event_store.client.WrongExpectedVersion',
      });
    }
    case 'stream_deleted':
      return errorStatus(status.FAILED_PRECONDITION, `Event stream '${result.streamId}' is deleted.`, {
        bytes: new StreamDeleted().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(result.streamId, 'utf8'))).serializeBinary(),
        typeName: 'event_store.client.StreamDeleted',
      });
    case 'too_large':
      return errorStatus(status.INVALID_ARGUMENT, `Maximum Append Size of ${result.maxAppendSize} Exceeded`, {
        bytes: new MaximumAppendSizeExceeded().setMaxappendsize(result.maxAppendSize).serializeBinary(),
        typeName: 'event_store.client.MaximumAppendSizeExceeded',
      });
    default:
      return errorStatus(status.INTERNAL, 'unexpected write result');
  }
}
