import { randomUUID } from 'node:crypto';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  binaryEvent,
  jsonEvent,
  type AppendToStreamOptions,
} from '@eventstore/db-client';
import {
  LEGACY_APPEND,
  collect,
  failureOf,
  testEvents,
  uniqueStream,
  useInProcessNode,
} from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

async function revisionsOf(stream: string): Promise<bigint[]> {
  const events = await collect(client().readStream(stream));
  return events.map((resolved) => resolved.event!.revision);
}

// The client picks the gRPC method: BatchAppend by default, legacy Append when a call carries its own credentials.
// Both are part of the protocol and must behave the same.
describe.each<[string, AppendToStreamOptions]>([
  ['BatchAppend (the client default)', {}],
  ['legacy Append (a call with per-call credentials)', LEGACY_APPEND],
])('Append through %s', (_path, callOptions) => {
  describe('with expected revision any', () => {
    it('creates a missing stream and returns the revision of the last event written', async () => {
      const stream = uniqueStream('append-any');

      const result = await client().appendToStream(stream, testEvents(3), { ...callOptions, expectedRevision: ANY });

      expect(result.success).toBe(true);
      expect(result.nextExpectedRevision).toBe(2n);
      expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
    });

    it('appends to an existing stream whatever its revision', async () => {
      const stream = uniqueStream('append-any');
      await client().appendToStream(stream, testEvents(3), callOptions);

      const result = await client().appendToStream(stream, testEvents(2), { ...callOptions, expectedRevision: ANY });

      expect(result.nextExpectedRevision).toBe(4n);
      expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('is what an append without an expected revision means', async () => {
      const stream = uniqueStream('append-default');
      await client().appendToStream(stream, testEvents(1), callOptions);

      const result = await client().appendToStream(stream, testEvents(1), callOptions);

      expect(result.nextExpectedRevision).toBe(1n);
    });
  });

  describe('with expected revision no_stream', () => {
    it('creates the stream when it does not exist', async () => {
      const stream = uniqueStream('append-no-stream');

      const result = await client().appendToStream(stream, testEvents(2), { ...callOptions, expectedRevision: NO_STREAM });

      expect(result.nextExpectedRevision).toBe(1n);
      expect(await revisionsOf(stream)).toEqual([0n, 1n]);
    });

    it('rejects an existing stream with WrongExpectedVersionError carrying the actual revision', async () => {
      const stream = uniqueStream('append-no-stream');
      await client().appendToStream(stream, testEvents(2), callOptions);

      const error = await failureOf(client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision: NO_STREAM }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      const wrongVersion = error as WrongExpectedVersionError;
      expect(wrongVersion.streamName).toBe(stream);
      expect(wrongVersion.expectedVersion).toBe(NO_STREAM);
      expect(wrongVersion.actualVersion).toBe(1n);
      expect(await revisionsOf(stream)).toEqual([0n, 1n]);
    });
  });

  describe('with expected revision stream_exists', () => {
    it('appends when the stream exists', async () => {
      const stream = uniqueStream('append-exists');
      await client().appendToStream(stream, testEvents(1), callOptions);

      const result = await client().appendToStream(stream, testEvents(2), { ...callOptions, expectedRevision: STREAM_EXISTS });

      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('rejects a missing stream with WrongExpectedVersionError whose actual revision is no_stream', async () => {
      const stream = uniqueStream('append-exists');

      const error = await failureOf(client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision: STREAM_EXISTS }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      const wrongVersion = error as WrongExpectedVersionError;
      expect(wrongVersion.streamName).toBe(stream);
      expect(wrongVersion.expectedVersion).toBe(STREAM_EXISTS);
      expect(wrongVersion.actualVersion).toBe(NO_STREAM);
    });
  });

  describe('with an exact expected revision', () => {
    it('appends when the expected revision is the current revision', async () => {
      const stream = uniqueStream('append-exact');
      const first = await client().appendToStream(stream, testEvents(3), callOptions);

      const result = await client().appendToStream(stream, testEvents(2), { ...callOptions, expectedRevision: first.nextExpectedRevision });

      expect(result.nextExpectedRevision).toBe(4n);
      expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('rejects an exact expected revision that is behind with WrongExpectedVersionError carrying the actual revision', async () => {
      const stream = uniqueStream('append-exact');
      await client().appendToStream(stream, testEvents(4), callOptions);

      const error = await failureOf(client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision: 1n }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      const wrongVersion = error as WrongExpectedVersionError;
      expect(wrongVersion.streamName).toBe(stream);
      expect(wrongVersion.expectedVersion).toBe(1n);
      expect(wrongVersion.actualVersion).toBe(3n);
    });

    it('rejects an exact expected revision that is ahead of the stream', async () => {
      const stream = uniqueStream('append-exact');
      await client().appendToStream(stream, testEvents(2), callOptions);

      const error = await failureOf(client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision: 5n }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).expectedVersion).toBe(5n);
      expect((error as WrongExpectedVersionError).actualVersion).toBe(1n);
    });

    it('rejects an exact expected revision on a missing stream with actual revision no_stream', async () => {
      const stream = uniqueStream('append-exact');

      const error = await failureOf(client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision: 0n }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).expectedVersion).toBe(0n);
      expect((error as WrongExpectedVersionError).actualVersion).toBe(NO_STREAM);
    });

    it('writes none of the events of a rejected append', async () => {
      const stream = uniqueStream('append-exact');
      await client().appendToStream(stream, testEvents(2), callOptions);

      await failureOf(client().appendToStream(stream, testEvents(3), { ...callOptions, expectedRevision: 0n }));

      expect(await revisionsOf(stream)).toEqual([0n, 1n]);
      const all = await collect(client().readAll());
      expect(all.filter((resolved) => resolved.event?.streamId === stream)).toHaveLength(2);
    });
  });

  describe('event content', () => {
    it('keeps ids, types, JSON data and JSON metadata exactly as sent', async () => {
      const stream = uniqueStream('append-content');
      const id = randomUUID();
      const data = { text: 'CC ‐ 1830 – ünïcødé ✓', nested: { list: [1, 2, 3], flag: true, none: null } };
      const metadata = { correlationId: randomUUID(), source: 'conformance' };

      await client().appendToStream(stream, jsonEvent({ id, type: 'ContentChecked', data, metadata }), callOptions);

      const [resolved] = await collect(client().readStream(stream));
      expect(resolved.event).toMatchObject({ id, type: 'ContentChecked', streamId: stream, revision: 0n, isJson: true, data, metadata });
    });

    it('keeps binary data and binary metadata byte for byte', async () => {
      const stream = uniqueStream('append-binary');
      const data = Uint8Array.from([0, 1, 2, 254, 255, 0x7b, 0x00]);
      const metadata = Uint8Array.from([0xff, 0x00, 0x13, 0x37]);

      await client().appendToStream(stream, binaryEvent({ type: 'BytesChecked', data, metadata }), callOptions);

      const [resolved] = await collect(client().readStream(stream));
      expect(resolved.event!.isJson).toBe(false);
      expect(Buffer.from(resolved.event!.data as Uint8Array).equals(Buffer.from(data))).toBe(true);
      expect(Buffer.from(resolved.event!.metadata as Uint8Array).equals(Buffer.from(metadata))).toBe(true);
    });

    it('accepts stream names and event types in any Unicode script', async () => {
      const stream = uniqueStream('coopération-協力-сотрудничество');

      await client().appendToStream(stream, jsonEvent({ type: 'RéuniónTenue-会議', data: { ok: true } }), callOptions);

      const [resolved] = await collect(client().readStream(stream));
      expect(resolved.event!.streamId).toBe(stream);
      expect(resolved.event!.type).toBe('RéuniónTenue-会議');
      const all = await collect(client().readAll());
      expect(all.filter((candidate) => candidate.event?.streamId === stream)).toHaveLength(1);
    });

    it('reports no metadata for an event appended without any', async () => {
      const stream = uniqueStream('append-no-metadata');

      await client().appendToStream(stream, jsonEvent({ type: 'Bare', data: { a: 1 } }), callOptions);

      const [resolved] = await collect(client().readStream(stream));
      expect(resolved.event!.metadata).toBeUndefined();
    });

    it('stamps each event with the time it was written', async () => {
      const stream = uniqueStream('append-created');
      const before = Date.now();

      await client().appendToStream(stream, testEvents(1), callOptions);

      const after = Date.now();
      const [resolved] = await collect(client().readStream(stream));
      const created = resolved.event!.created.getTime();
      // .NET ticks are 100 ns; the client truncates to milliseconds.
      expect(created).toBeGreaterThanOrEqual(before - 1);
      expect(created).toBeLessThanOrEqual(after + 1);
    });
  });
});

describe('BatchAppend stream shared by a client', () => {
  it('answers each of many concurrent appends on one channel, failures and successes alike', async () => {
    const streams = Array.from({ length: 10 }, () => uniqueStream('append-shared'));
    await Promise.all(streams.map((stream) => client().appendToStream(stream, testEvents(1))));

    const outcomes = await Promise.allSettled(
      streams.flatMap((stream, i) => [
        // even streams: a wrong expected revision; odd streams: the right one
        client().appendToStream(stream, testEvents(1), { expectedRevision: i % 2 === 0 ? 5n : 0n }),
        client().appendToStream(uniqueStream('append-shared-new'), testEvents(2), { expectedRevision: NO_STREAM }),
      ]),
    );

    outcomes.forEach((outcome, index) => {
      const streamIndex = Math.floor(index / 2);
      const isWrongRevisionCall = index % 2 === 0 && streamIndex % 2 === 0;
      if (isWrongRevisionCall) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(((outcome as PromiseRejectedResult).reason as WrongExpectedVersionError).streamName).toBe(streams[streamIndex]);
      } else {
        expect(outcome.status).toBe('fulfilled');
      }
    });
  });

  it('keeps working for later appends after a rejected one', async () => {
    const stream = uniqueStream('append-after-failure');
    await failureOf(client().appendToStream(stream, testEvents(1), { expectedRevision: STREAM_EXISTS }));

    const result = await client().appendToStream(stream, testEvents(1), { expectedRevision: NO_STREAM });

    expect(result.nextExpectedRevision).toBe(0n);
  });
});
