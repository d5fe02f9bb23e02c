import fc from 'fast-check';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import { decodeBatchAppendRequest } from './batch-append-request';
import { uuidText } from './request-fields';

describe('decodeBatchAppendRequest', () => {
  it('reads what google-protobuf wrote, for any batch', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.string({ minLength: 1, maxLength: 50 }),
        fc.oneof(fc.constant('any'), fc.constant('no_stream'), fc.constant('stream_exists'), fc.nat({ max: Number.MAX_SAFE_INTEGER })),
        fc.array(fc.record({ id: fc.uuid(), type: fc.string({ minLength: 1 }), json: fc.boolean(), data: fc.uint8Array(), metadata: fc.uint8Array() }), { maxLength: 5 }),
        fc.boolean(),
        (correlation, streamName, expected, events, isFinal) => {
          const options = new BatchAppendReq.Options().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName)));
          if (expected === 'any') options.setAny(new Empty());
          else if (expected === 'no_stream') options.setNoStream(new Empty());
          else if (expected === 'stream_exists') options.setStreamExists(new Empty());
          else options.setStreamPosition(String(expected));
          const request = new BatchAppendReq().setCorrelationId(new UUID().setString(correlation)).setOptions(options).setIsFinal(isFinal);
          for (const event of events) {
            const message = new BatchAppendReq.ProposedMessage().setId(new UUID().setString(event.id)).setData(event.data).setCustomMetadata(event.metadata);
            message.getMetadataMap().set('type', event.type).set('content-type', event.json ? 'application/json' : 'application/octet-stream');
            request.addProposedMessages(message);
          }

          const decoded = decodeBatchAppendRequest(request.serializeBinary());

          expect(decoded.correlationId).toEqual({ string: correlation });
          expect(decoded.isFinal).toBe(isFinal);
          expect(decoded.options?.streamName).toBe(streamName);
          expect(decoded.options?.expected).toMatchObject(
            typeof expected === 'number'
              ? { revision: String(expected) }
              : { any: expected === 'any', noStream: expected === 'no_stream', streamExists: expected === 'stream_exists' },
          );
          expect(
            decoded.events.map((event) => ({ ...event, data: Buffer.from(event.data).toString('hex'), customMetadata: Buffer.from(event.customMetadata).toString('hex') })),
          ).toEqual(
            events.map((event) => ({
              eventId: event.id.toLowerCase(),
              eventType: event.type,
              isJson: event.json,
              data: Buffer.from(event.data).toString('hex'),
              customMetadata: Buffer.from(event.metadata).toString('hex'),
            })),
          );
        },
      ),
    );
  });

  it('reads structured (two signed 64-bit halves) UUIDs', () => {
    const structured = new UUID.Structured().setMostSignificantBits('-1').setLeastSignificantBits('81985529216486895');
    const request = new BatchAppendReq().setCorrelationId(new UUID().setStructured(structured));
    const decoded = decodeBatchAppendRequest(request.serializeBinary());
    expect(uuidText(decoded.correlationId, 'correlation_id')).toBe('ffffffff-ffff-ffff-0123-456789abcdef');
  });

  it('marks a batch with an event lacking its type as invalid, naming the field', () => {
    const request = new BatchAppendReq();
    request.addProposedMessages(new BatchAppendReq.ProposedMessage().setId(new UUID().setString('00000000-0000-4000-8000-000000000000')));
    expect(decodeBatchAppendRequest(request.serializeBinary()).invalid).toBe('proposed_messages[0].metadata.type is required');
  });
});
