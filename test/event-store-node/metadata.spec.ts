import { BACKWARDS, END, NO_STREAM, START, WrongExpectedVersionError, type ReadStreamOptions } from '@eventstore/db-client';
import { collect, delay, failureOf, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

const revisionsIn = async (stream: string, options?: ReadStreamOptions) =>
  (await collect(client().readStream(stream, options))).map((resolved) => resolved.event!.revision);

describe('Stream metadata', () => {
  describe('storage', () => {
    it('reports no metadata for a stream that has none', async () => {
      const stream = uniqueStream('metadata-none');
      await client().appendToStream(stream, testEvents(1));

      const result = await client().getStreamMetadata(stream);

      expect(result.streamName).toBe(stream);
      expect(result.metadata).toBeUndefined();
    });

    it('round-trips system settings and custom keys', async () => {
      const stream = uniqueStream('metadata-roundtrip');
      const metadata = {
        maxCount: 50,
        maxAge: 3600,
        truncateBefore: 2,
        cacheControl: 30,
        acl: { readRoles: ['$all'], writeRoles: ['ops'] },
        owner: 'cooperation-team',
        nested: { retention: 'P1Y', tags: ['a', 'b'] },
      };

      await client().setStreamMetadata(stream, metadata);

      expect((await client().getStreamMetadata(stream)).metadata).toEqual(metadata);
    });

    it('stores metadata as a $metadata JSON event in the $$<stream> metastream', async () => {
      const stream = uniqueStream('metadata-metastream');

      await client().setStreamMetadata(stream, { maxCount: 7, owner: 'x' });

      const [resolved] = await collect(client().readStream(`$$${stream}`));
      expect(resolved.event!.type).toBe('$metadata');
      expect(resolved.event!.isJson).toBe(true);
      expect(resolved.event!.data).toEqual({ $maxCount: 7, owner: 'x' });
    });

    it('replaces the whole metadata on each write, advancing the metastream revision', async () => {
      const stream = uniqueStream('metadata-replace');

      const first = await client().setStreamMetadata(stream, { maxCount: 5, owner: 'a' });
      const second = await client().setStreamMetadata(stream, { owner: 'b' });

      expect(first.nextExpectedRevision).toBe(0n);
      expect(second.nextExpectedRevision).toBe(1n);
      expect((await client().getStreamMetadata(stream)).metadata).toEqual({ owner: 'b' });
    });

    it('rejects a metadata write at a stale expected revision with WrongExpectedVersionError', async () => {
      const stream = uniqueStream('metadata-concurrency');
      await client().setStreamMetadata(stream, { owner: 'a' }, { expectedRevision: NO_STREAM });

      const error = await failureOf(client().setStreamMetadata(stream, { owner: 'b' }, { expectedRevision: NO_STREAM }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).streamName).toBe(`$$${stream}`);
      expect((error as WrongExpectedVersionError).actualVersion).toBe(0n);
      expect((await client().getStreamMetadata(stream)).metadata).toEqual({ owner: 'a' });
    });

    it('does not add events to the stream itself', async () => {
      const stream = uniqueStream('metadata-separate');
      await client().appendToStream(stream, testEvents(2));

      await client().setStreamMetadata(stream, { owner: 'a' });

      expect(await revisionsIn(stream)).toEqual([0n, 1n]);
    });
  });

  describe('maxCount', () => {
    it('returns only the last N events, forwards and backwards, keeping their revisions', async () => {
      const stream = uniqueStream('metadata-max-count');
      await client().appendToStream(stream, testEvents(5));

      await client().setStreamMetadata(stream, { maxCount: 2 });

      expect(await revisionsIn(stream)).toEqual([3n, 4n]);
      expect(await revisionsIn(stream, { fromRevision: START, maxCount: 1 })).toEqual([3n]);
      expect(await revisionsIn(stream, { direction: BACKWARDS, fromRevision: END })).toEqual([4n, 3n]);
    });

    it('keeps the window moving as events are appended', async () => {
      const stream = uniqueStream('metadata-max-count-moving');
      await client().setStreamMetadata(stream, { maxCount: 3 });

      await client().appendToStream(stream, testEvents(4));
      expect(await revisionsIn(stream)).toEqual([1n, 2n, 3n]);

      await client().appendToStream(stream, testEvents(2));
      expect(await revisionsIn(stream)).toEqual([3n, 4n, 5n]);
    });

    it('brings older events back when lifted, as nothing was scavenged', async () => {
      const stream = uniqueStream('metadata-max-count-lifted');
      await client().appendToStream(stream, testEvents(4));
      await client().setStreamMetadata(stream, { maxCount: 1 });
      expect(await revisionsIn(stream)).toEqual([3n]);

      await client().setStreamMetadata(stream, {});

      expect(await revisionsIn(stream)).toEqual([0n, 1n, 2n, 3n]);
    });
  });

  describe('maxAge', () => {
    it('hides events older than maxAge seconds and keeps newer ones', async () => {
      const stream = uniqueStream('metadata-max-age');
      await client().appendToStream(stream, testEvents(3, 'Old'));
      await client().setStreamMetadata(stream, { maxAge: 1 });
      expect(await revisionsIn(stream)).toEqual([0n, 1n, 2n]);

      await delay(1_300);
      await client().appendToStream(stream, testEvents(2, 'Fresh'));

      expect(await revisionsIn(stream)).toEqual([3n, 4n]);
      expect(await revisionsIn(stream, { direction: BACKWARDS, fromRevision: END })).toEqual([4n, 3n]);
    });
  });

  describe('truncateBefore', () => {
    it('hides events before the given revision, forwards and backwards', async () => {
      const stream = uniqueStream('metadata-truncate-before');
      await client().appendToStream(stream, testEvents(5));

      await client().setStreamMetadata(stream, { truncateBefore: 3 });

      expect(await revisionsIn(stream)).toEqual([3n, 4n]);
      expect(await revisionsIn(stream, { fromRevision: 1n, maxCount: 2 })).toEqual([3n, 4n]);
      expect(await revisionsIn(stream, { direction: BACKWARDS, fromRevision: END })).toEqual([4n, 3n]);
    });

    it('applies together with maxCount: the stricter wins', async () => {
      const stream = uniqueStream('metadata-combined');
      await client().appendToStream(stream, testEvents(6));

      await client().setStreamMetadata(stream, { truncateBefore: 2, maxCount: 2 });

      expect(await revisionsIn(stream)).toEqual([4n, 5n]);
    });
  });
});
