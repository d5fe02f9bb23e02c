import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { EventStoreEngine } from '../engine/event-store-engine';
import { decodeHeader, decodeRecord, isLinkRecord } from '../storage/log-record';
import { streamDeletedError, unavailableError } from './grpc-errors';
import { matchesFilter, ReadRequest } from './read-request';
import {
  CAUGHT_UP_RESPONSE,
  encodeResolved,
  RecordRef,
  encodeCheckpoint,
  encodeConfirmation,
  encodeEventResponse,
  encodeStreamNotFound,
} from './read-responses';
import { ResponseSink } from './response-sink';

type Sink = ResponseSink<ReadReq>;

/**
 * Serves `Streams.Read`: reads of a stream or `$all` in either direction, and catch-up subscriptions, which deliver
 * history from a cursor over the log and then go live on the same cursor, so there is no gap or duplicate at the
 * switch. Start points are inclusive for reads and exclusive for subscriptions, as in EventStoreDB.
 */
export class ReadService {
  private readonly subscriptions = new Set<Sink>();

  constructor(private readonly engine: EventStoreEngine) {}

  async serve(call: ServerWritableStream<ReadReq, Buffer>, request: ReadRequest): Promise<void> {
    const sink = new ResponseSink(call);
    if (!request.subscription) {
      if (request.target.kind === 'stream') await this.readStream(sink, request.target.streamId, request);
      else await this.readAll(sink, request);
      sink.end();
      return;
    }
    this.subscriptions.add(sink);
    const stopWaking = this.engine.onDurable(() => sink.wake());
    try {
      if (!sink.send(encodeConfirmation(randomUUID()))) await sink.drained();
      if (request.target.kind === 'stream') await this.subscribeToStream(sink, request.target.streamId, request);
      else await this.subscribeToAll(sink, request);
    } finally {
      stopWaking();
      this.subscriptions.delete(sink);
    }
  }

  /**
   * Ends every subscription on shutdown with UNAVAILABLE, which is what clients see when a real node goes away: a
   * catch-up subscription has no normal end, and the error tells the consumer to resubscribe from its checkpoint.
   */
  endSubscriptions(): void {
    for (const sink of this.subscriptions) sink.fail(unavailableError('The node is shutting down'));
    this.subscriptions.clear();
  }

  private async readStream(sink: Sink, streamId: string, request: ReadRequest): Promise<void> {
    const view = this.engine.viewStream(streamId);
    if (view.kind === 'deleted') return sink.fail(streamDeletedError(streamId));
    if (view.kind === 'not_found') {
      sink.send(encodeStreamNotFound(streamId));
      return;
    }
    const { entry, firstRevision, lastRevision, minCreatedTicks } = view;
    let remaining = request.maxCount ?? Number.MAX_SAFE_INTEGER;
    const step = request.backwards ? -1 : 1;
    let revision: number;
    if (request.backwards) {
      revision = request.from.kind === 'at' ? Math.min(request.from.value, lastRevision) : request.from.kind === 'start' ? firstRevision : lastRevision;
    } else {
      revision = request.from.kind === 'at' ? Math.max(request.from.value, firstRevision) : request.from.kind === 'end' ? lastRevision + 1 : firstRevision;
    }
    for (; remaining > 0 && revision >= firstRevision && revision <= lastRevision; revision += step) {
      if (sink.cancelled) return;
      const position = entry.positions[revision];
      const record = this.engine.readRawRecord(position);
      if (minCreatedTicks > 0n && record.readBigInt64LE(24) < minCreatedTicks) continue;
      remaining--;
      if (!sink.send(this.encode(record, 0, position, request.resolveLinks))) await sink.drained();
    }
  }

  private async readAll(sink: Sink, request: ReadRequest): Promise<void> {
    let remaining = request.maxCount ?? Number.MAX_SAFE_INTEGER;
    const filter = request.filter;
    if (request.backwards) {
      let before = request.from.kind === 'at' ? this.boundaryAtOrAfter(request.from.value) : request.from.kind === 'start' ? 0 : this.engine.durablePosition;
      while (remaining > 0 && !sink.cancelled) {
        let blocked = false;
        let visited = false;
        this.engine.scanAllBackward(before, (buffer, offset, position) => {
          visited = true;
          before = position;
          if (filter) {
            const header = decodeHeader(buffer, offset);
            if (!matchesFilter(filter, header.streamId, header.eventType)) return true;
          }
          remaining--;
          blocked = !sink.send(this.encode(buffer, offset, position, request.resolveLinks));
          return remaining > 0 && !blocked;
        });
        if (!visited) return;
        if (blocked) await sink.drained();
      }
      return;
    }
    let from = request.from.kind === 'at' ? this.boundaryAtOrAfter(request.from.value) : request.from.kind === 'end' ? this.engine.durablePosition : this.boundaryAtOrAfter(0);
    while (remaining > 0 && !sink.cancelled) {
      let blocked = false;
      let visited = false;
      this.engine.scanAllForward(from, (buffer, offset, position) => {
        visited = true;
        from = position + buffer.readUInt32LE(offset);
        if (filter) {
          const header = decodeHeader(buffer, offset);
          if (!matchesFilter(filter, header.streamId, header.eventType)) return true;
        }
        remaining--;
        blocked = !sink.send(this.encode(buffer, offset, position, request.resolveLinks));
        return remaining > 0 && !blocked;
      });
      if (!visited) return;
      if (blocked) await sink.drained();
    }
  }

  private async subscribeToStream(sink: Sink, streamId: string, request: ReadRequest): Promise<void> {
    let next: number;
    if (request.from.kind === 'at') next = request.from.value + 1;
    else if (request.from.kind === 'end') next = this.engine.streamEntry(streamId)?.countBelow(this.engine.durablePosition) ?? 0;
    else next = 0;
    let caughtUp = false;
    while (!sink.cancelled) {
      if (this.engine.isTombstoned(streamId)) return sink.fail(streamDeletedError(streamId));
      const entry = this.engine.streamEntry(streamId);
      const available = entry ? entry.countBelow(this.engine.durablePosition) : 0;
      next = Math.max(next, Math.min(this.engine.truncateBefore(streamId), available));
      let blocked = false;
      while (entry && next < available && !blocked && !sink.cancelled) {
        const position = entry.positions[next++];
        blocked = !sink.send(this.encode(this.engine.readRawRecord(position), 0, position, request.resolveLinks));
      }
      if (blocked) {
        await sink.drained();
        continue;
      }
      if (!caughtUp) {
        caughtUp = true;
        if (!sink.send(CAUGHT_UP_RESPONSE)) await sink.drained();
        continue;
      }
      await sink.waitForWake();
    }
  }

  private async subscribeToAll(sink: Sink, request: ReadRequest): Promise<void> {
    const filter = request.filter;
    let from = request.from.kind === 'at' ? this.boundaryAtOrAfter(request.from.value + 1) : request.from.kind === 'end' ? this.engine.durablePosition : this.boundaryAtOrAfter(0);
    let sinceCheckpoint = 0;
    let caughtUp = false;
    while (!sink.cancelled) {
      let blocked = false;
      this.engine.scanAllForward(from, (buffer, offset, position) => {
        from = position + buffer.readUInt32LE(offset);
        if (filter) {
          const header = decodeHeader(buffer, offset);
          const matched = matchesFilter(filter, header.streamId, header.eventType);
          if (matched) blocked = !sink.send(this.encode(buffer, offset, position, request.resolveLinks));
          if (++sinceCheckpoint >= filter.checkpointInterval) {
            sinceCheckpoint = 0;
            blocked = !sink.send(encodeCheckpoint(position)) || blocked;
          }
        } else {
          blocked = !sink.send(this.encode(buffer, offset, position, request.resolveLinks));
        }
        return !blocked && !sink.cancelled;
      });
      if (blocked) {
        await sink.drained();
        continue;
      }
      if (from < this.engine.durablePosition) continue;
      if (!caughtUp) {
        caughtUp = true;
        if (!sink.send(CAUGHT_UP_RESPONSE)) await sink.drained();
        continue;
      }
      await sink.waitForWake();
    }
  }

  private encode(buffer: Buffer, offset: number, position: number, resolveLinks: boolean): Buffer {
    if (resolveLinks && isLinkRecord(buffer, offset)) return encodeResolved(this.resolveLink(buffer, offset), { buffer, offset, position });
    return encodeEventResponse(buffer, offset, position);
  }

  /** The event a `$>` link points at (data `<revision>@<stream>`), if a reader could still see it. */
  private resolveLink(buffer: Buffer, offset: number): RecordRef | null {
    const target = /^(\d+)@(.+)$/s.exec(Buffer.from(decodeRecord(buffer, offset, 0).data).toString('utf8'));
    if (!target) return null;
    const revision = Number(target[1]);
    const view = this.engine.viewStream(target[2]);
    if (view.kind !== 'ok' || revision < view.firstRevision || revision > view.lastRevision) return null;
    const position = view.entry.positions[revision];
    return { buffer: this.engine.readRawRecord(position), offset: 0, position };
  }

  /** Log position of the first record at or after `position` (the durable end when there is none). */
  private boundaryAtOrAfter(position: number): number {
    return this.engine.allPositionAt(this.engine.allIndexAtOrAfter(position));
  }
}
