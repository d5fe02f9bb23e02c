import fc from 'fast-check';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { EventLog } from '../storage/event-log';
import { encodeRecord, NewRecord } from '../storage/log-record';
import { encodeCheckpoint, encodeConfirmation, encodeEventResponse, encodeStreamNotFound, CAUGHT_UP_RESPONSE } from './read-responses';

function stored(record: NewRecord): Buffer {
  const buffer = Buffer.alloc(EventLog.sizeOf(record));
  encodeRecord(record, true, buffer, 0);
  return buffer;
}

describe('hand-encoded read responses', () => {
  it('decode with the client package\'s own protobuf classes to the stored event', () => {
    fc.assert(
      fc.property(
        fc.record({
          streamId: fc.string({ minLength: 1, maxLength: 300 }),
          revision: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
          eventId: fc.uuid(),
          eventType: fc.string({ minLength: 1, maxLength: 200 }),
          isJson: fc.boolean(),
          isTombstone: fc.constant(false),
          createdTicks: fc.bigInt({ min: 0n, max: 2n ** 62n }),
          customMetadata: fc.uint8Array({ maxLength: 300 }),
          data: fc.uint8Array({ maxLength: 70_000 }),
        }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (record, position) => {
          const response = ReadResp.deserializeBinary(encodeEventResponse(stored(record), 0, position));
          const event = response.getEvent()!;
          const recorded = event.getEvent()!;
          expect(event.getCommitPosition()).toBe(String(position));
          expect(recorded.getId()!.getString()).toBe(record.eventId.toLowerCase());
          expect(Buffer.from(recorded.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe(record.streamId);
          expect(recorded.getStreamRevision()).toBe(String(record.revision));
          expect(recorded.getCommitPosition()).toBe(String(position));
          expect(recorded.getPreparePosition()).toBe(String(position));
          const metadata = recorded.getMetadataMap();
          expect(metadata.get('type')).toBe(record.eventType);
          expect(metadata.get('content-type')).toBe(record.isJson ? 'application/json' : 'application/octet-stream');
          expect(metadata.get('created')).toBe(String(record.createdTicks));
          expect(Buffer.from(recorded.getData_asU8()).equals(Buffer.from(record.data))).toBe(true);
          expect(Buffer.from(recorded.getCustomMetadata_asU8()).equals(Buffer.from(record.customMetadata))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a tombstone with revision long.MaxValue, as EventStoreDB does', () => {
    const buffer = stored({
      streamId: 'gone',
      revision: 0,
      eventId: '00000000-0000-4000-8000-000000000001',
      eventType: '$streamDeleted',
      isJson: false,
      isTombstone: true,
      createdTicks: 5n,
      customMetadata: new Uint8Array(0),
      data: new Uint8Array(0),
    });
    const recorded = ReadResp.deserializeBinary(encodeEventResponse(buffer, 0, 99)).getEvent()!.getEvent()!;
    expect(recorded.getStreamRevision()).toBe('9223372036854775807');
  });

  it('encodes confirmation, checkpoint, caught-up and stream-not-found messages', () => {
    expect(ReadResp.deserializeBinary(encodeConfirmation('sub-1')).getConfirmation()!.getSubscriptionId()).toBe('sub-1');
    const checkpoint = ReadResp.deserializeBinary(encodeCheckpoint(2 ** 40)).getCheckpoint()!;
    expect([checkpoint.getCommitPosition(), checkpoint.getPreparePosition()]).toEqual([String(2 ** 40), String(2 ** 40)]);
    expect(ReadResp.deserializeBinary(CAUGHT_UP_RESPONSE).hasCaughtUp()).toBe(true);
    const notFound = ReadResp.deserializeBinary(encodeStreamNotFound('missing')).getStreamNotFound()!;
    expect(Buffer.from(notFound.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe('missing');
  });
});
