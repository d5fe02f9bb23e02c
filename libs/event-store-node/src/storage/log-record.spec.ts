import fc from 'fast-check';
import { checkRecord, decodeRecord, encodeRecord, NewRecord, RECORD_OVERHEAD } from './log-record';
import { EventLog } from './event-log';

const recordArbitrary: fc.Arbitrary<NewRecord> = fc.record({
  streamId: fc.string({ minLength: 1, maxLength: 40 }),
  revision: fc.nat({ max: 2 ** 40 }),
  eventId: fc.uuid(),
  eventType: fc.string({ minLength: 1, maxLength: 30 }),
  isJson: fc.boolean(),
  isTombstone: fc.constant(false),
  createdTicks: fc.bigInt({ min: 0n, max: 2n ** 62n }),
  customMetadata: fc.uint8Array({ maxLength: 64 }),
  data: fc.uint8Array({ maxLength: 512 }),
});

describe('LogRecord', () => {
  it('decodes exactly what was encoded, for any record', () => {
    fc.assert(
      fc.property(recordArbitrary, fc.boolean(), (record, endOfTransaction) => {
        const buffer = Buffer.alloc(EventLog.sizeOf(record));
        const size = encodeRecord(record, endOfTransaction, buffer, 0);
        expect(checkRecord(buffer, 0, size)).toEqual({ ok: true, size });
        const decoded = decodeRecord(buffer, 0, 1234);
        expect(decoded).toMatchObject({
          position: 1234,
          streamId: record.streamId,
          revision: record.revision,
          eventId: record.eventId.toLowerCase(),
          eventType: record.eventType,
          isJson: record.isJson,
          createdTicks: record.createdTicks,
        });
        expect(Buffer.from(decoded.data).equals(Buffer.from(record.data))).toBe(true);
        expect(Buffer.from(decoded.customMetadata).equals(Buffer.from(record.customMetadata))).toBe(true);
      }),
    );
  });

  it('detects any single flipped byte through its checksum or lengths', () => {
    fc.assert(
      fc.property(recordArbitrary, fc.nat(), fc.integer({ min: 1, max: 255 }), (record, at, mask) => {
        const buffer = Buffer.alloc(EventLog.sizeOf(record));
        const size = encodeRecord(record, true, buffer, 0);
        buffer[at % size] ^= mask;
        expect(checkRecord(buffer, 0, size).ok).toBe(false);
      }),
    );
  });

  it('reports a record cut short as incomplete', () => {
    const record: NewRecord = {
      streamId: 's',
      revision: 0,
      eventId: '00000000-0000-4000-8000-000000000000',
      eventType: 't',
      isJson: true,
      isTombstone: false,
      createdTicks: 0n,
      customMetadata: new Uint8Array(0),
      data: Buffer.from('{"a":1}'),
    };
    const buffer = Buffer.alloc(EventLog.sizeOf(record));
    const size = encodeRecord(record, true, buffer, 0);
    expect(size).toBe(RECORD_OVERHEAD + 1 + 1 + 7);
    expect(checkRecord(buffer, 0, size - 1)).toMatchObject({ ok: false });
  });
});
