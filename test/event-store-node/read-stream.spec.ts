import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type ReadStreamOptions } from '@eventstore/db-client';
import { collect, failureOf, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

describe('Read stream', () => {
  const stream = uniqueStream('read-stream');

  beforeAll(async () => {
    // Ten events in three appends, with another stream's events written in between.
    await client().appendToStream(stream, testEvents(4, 'Counted', 0));
    await client().appendToStream(uniqueStream('read-stream-other'), testEvents(3, 'Other'));
    await client().appendToStream(stream, testEvents(3, 'Counted', 4));
    await client().appendToStream(stream, testEvents(3, 'Counted', 7));
  });

  async function revisions(options: ReadStreamOptions): Promise<bigint[]> {
    const events = await collect(client().readStream(stream, options));
    return events.map((resolved) => resolved.event!.revision);
  }

  describe('forwards', () => {
    it('returns every event of the stream, in revision order, and only that stream', async () => {
      const events = await collect(client().readStream(stream));

      expect(events.map((resolved) => resolved.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
      expect(events.map((resolved) => (resolved.event!.data as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(new Set(events.map((resolved) => resolved.event!.streamId))).toEqual(new Set([stream]));
    });

    it('stops after maxCount events from the start', async () => {
      expect(await revisions({ direction: FORWARDS, fromRevision: START, maxCount: 3 })).toEqual([0n, 1n, 2n]);
    });

    it('starts at the given revision, inclusive', async () => {
      expect(await revisions({ direction: FORWARDS, fromRevision: 4n, maxCount: 3 })).toEqual([4n, 5n, 6n]);
    });

    it('returns the rest of the stream when maxCount goes beyond its end', async () => {
      expect(await revisions({ fromRevision: 8n, maxCount: 100 })).toEqual([8n, 9n]);
    });

    it('accepts maxCount as a bigint', async () => {
      expect(await revisions({ fromRevision: START, maxCount: 2n })).toEqual([0n, 1n]);
    });

    it('returns nothing from a revision past the end of an existing stream', async () => {
      expect(await revisions({ fromRevision: 50n })).toEqual([]);
    });

    it('returns nothing from END', async () => {
      expect(await revisions({ direction: FORWARDS, fromRevision: END })).toEqual([]);
    });
  });

  describe('backwards', () => {
    it('returns every event from the end, newest first', async () => {
      expect(await revisions({ direction: BACKWARDS, fromRevision: END })).toEqual([9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n]);
    });

    it('stops after maxCount events from the end', async () => {
      expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual([9n, 8n]);
    });

    it('starts at the given revision, inclusive', async () => {
      expect(await revisions({ direction: BACKWARDS, fromRevision: 5n, maxCount: 3 })).toEqual([5n, 4n, 3n]);
    });

    it('reaches the first event when maxCount allows', async () => {
      expect(await revisions({ direction: BACKWARDS, fromRevision: 1n, maxCount: 10 })).toEqual([1n, 0n]);
    });
  });

  describe('a stream that does not exist', () => {
    it('fails forwards with StreamNotFoundError naming the stream', async () => {
      const missing = uniqueStream('read-missing');

      const error = await failureOf(collect(client().readStream(missing)));

      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).streamName).toBe(missing);
    });

    it('fails backwards with StreamNotFoundError', async () => {
      const error = await failureOf(collect(client().readStream(uniqueStream('read-missing'), { direction: BACKWARDS, fromRevision: END })));

      expect(error).toBeInstanceOf(StreamNotFoundError);
    });

    it('is not confused with a stream whose name it is a prefix of', async () => {
      const error = await failureOf(collect(client().readStream(stream.slice(0, -4))));

      expect(error).toBeInstanceOf(StreamNotFoundError);
    });
  });
});
