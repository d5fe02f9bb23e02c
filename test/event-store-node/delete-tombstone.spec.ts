import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendToStreamOptions,
} from '@eventstore/db-client';
import {
  LEGACY_APPEND,
  SubscriptionRecorder,
  collect,
  failureOf,
  testEvents,
  uniqueStream,
  useInProcessNode,
} from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

const revisionsIn = async (stream: string) => (await collect(client().readStream(stream))).map((resolved) => resolved.event!.revision);

describe('Soft delete (deleteStream)', () => {
  it('makes the stream read as not found, forwards and backwards', async () => {
    const stream = uniqueStream('soft-delete');
    await client().appendToStream(stream, testEvents(3));

    await client().deleteStream(stream);

    expect(await failureOf(collect(client().readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    expect(await failureOf(collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END })))).toBeInstanceOf(StreamNotFoundError);
  });

  it('reports a log position after the last event of the stream', async () => {
    const stream = uniqueStream('soft-delete-position');
    const appended = await client().appendToStream(stream, testEvents(2));

    const deleted = await client().deleteStream(stream, { expectedRevision: appended.nextExpectedRevision });

    expect(deleted.position!.commit).toBeGreaterThan(appended.position!.commit);
  });

  it('accepts the exact current revision as expected revision', async () => {
    const stream = uniqueStream('soft-delete-exact');
    await client().appendToStream(stream, testEvents(3));

    await client().deleteStream(stream, { expectedRevision: 2n });

    expect(await failureOf(collect(client().readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
  });

  it('rejects a wrong expected revision with WrongExpectedVersionError and deletes nothing', async () => {
    const stream = uniqueStream('soft-delete-wrong');
    await client().appendToStream(stream, testEvents(3));

    const error = await failureOf(client().deleteStream(stream, { expectedRevision: 1n }));

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).streamName).toBe(stream);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(2n);
    expect(await revisionsIn(stream)).toEqual([0n, 1n, 2n]);
  });

  it('rejects expected revision no_stream on an existing stream', async () => {
    const stream = uniqueStream('soft-delete-no-stream');
    await client().appendToStream(stream, testEvents(1));

    expect(await failureOf(client().deleteStream(stream, { expectedRevision: NO_STREAM }))).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('rejects deleting a stream that never existed with WrongExpectedVersionError', async () => {
    const error = await failureOf(client().deleteStream(uniqueStream('soft-delete-never'), { expectedRevision: ANY }));

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  describe.each<[string, AppendToStreamOptions]>([
    ['BatchAppend', {}],
    ['legacy Append', LEGACY_APPEND],
  ])('appending again through %s', (_path, callOptions) => {
    it('recreates the stream with revisions continuing after the last one and hides the old events', async () => {
      const stream = uniqueStream('soft-delete-recreate');
      await client().appendToStream(stream, testEvents(3, 'Old'));
      await client().deleteStream(stream);

      const result = await client().appendToStream(stream, testEvents(2, 'New'), callOptions);

      expect(result.nextExpectedRevision).toBe(4n);
      const events = await collect(client().readStream(stream));
      expect(events.map((resolved) => resolved.event!.revision)).toEqual([3n, 4n]);
      expect(events.map((resolved) => resolved.event!.type)).toEqual(['New', 'New']);
    });

    it('accepts the revision of the deleted stream as expected revision', async () => {
      const stream = uniqueStream('soft-delete-recreate-exact');
      await client().appendToStream(stream, testEvents(3));
      await client().deleteStream(stream);

      const result = await client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision: 2n });

      expect(result.nextExpectedRevision).toBe(3n);
      expect(await revisionsIn(stream)).toEqual([3n]);
    });
  });

  it('records the truncation in the stream metadata: $tb is the first revision after the deletion', async () => {
    const stream = uniqueStream('soft-delete-metadata');
    await client().appendToStream(stream, testEvents(3));
    await client().deleteStream(stream);

    // Soft delete writes $tb = long.MaxValue ...
    const afterDelete = await client().getStreamMetadata(stream);
    expect(Number(afterDelete.metadata?.truncateBefore)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);

    // ... and the append that recreates the stream moves it to the next revision.
    await client().appendToStream(stream, testEvents(1));
    const afterRecreate = await client().getStreamMetadata(stream);
    expect(afterRecreate.metadata?.truncateBefore).toBe(3);
  });
});

describe('Tombstone (tombstoneStream, hard delete)', () => {
  it('makes reads fail with StreamDeletedError, forwards and backwards', async () => {
    const stream = uniqueStream('tombstone');
    await client().appendToStream(stream, testEvents(2));

    await client().tombstoneStream(stream);

    const forwards = await failureOf(collect(client().readStream(stream)));
    expect(forwards).toBeInstanceOf(StreamDeletedError);
    expect((forwards as StreamDeletedError).streamName).toBe(stream);
    expect(await failureOf(collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END })))).toBeInstanceOf(StreamDeletedError);
  });

  it('reports a log position after the last event of the stream', async () => {
    const stream = uniqueStream('tombstone-position');
    const appended = await client().appendToStream(stream, testEvents(2));

    const tombstoned = await client().tombstoneStream(stream, { expectedRevision: appended.nextExpectedRevision });

    expect(tombstoned.position!.commit).toBeGreaterThan(appended.position!.commit);
  });

  describe.each<[string, AppendToStreamOptions]>([
    ['BatchAppend', {}],
    ['legacy Append', LEGACY_APPEND],
  ])('appending afterwards through %s', (_path, callOptions) => {
    it.each<[string, AppendToStreamOptions['expectedRevision']]>([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['the last revision', 1n],
    ])('is rejected with StreamDeletedError for expected revision %s', async (_name, expectedRevision) => {
      const stream = uniqueStream('tombstone-append');
      await client().appendToStream(stream, testEvents(2));
      await client().tombstoneStream(stream);

      const error = await failureOf(client().appendToStream(stream, testEvents(1), { ...callOptions, expectedRevision }));

      expect(error).toBeInstanceOf(StreamDeletedError);
      expect((error as StreamDeletedError).streamName).toBe(stream);
    });
  });

  it('rejects a second tombstone and a soft delete with StreamDeletedError', async () => {
    const stream = uniqueStream('tombstone-twice');
    await client().appendToStream(stream, testEvents(1));
    await client().tombstoneStream(stream);

    expect(await failureOf(client().tombstoneStream(stream))).toBeInstanceOf(StreamDeletedError);
    expect(await failureOf(client().deleteStream(stream))).toBeInstanceOf(StreamDeletedError);
  });

  it('rejects a wrong expected revision with WrongExpectedVersionError and leaves the stream intact', async () => {
    const stream = uniqueStream('tombstone-wrong');
    await client().appendToStream(stream, testEvents(3));

    const error = await failureOf(client().tombstoneStream(stream, { expectedRevision: 0n }));

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(2n);
    expect(await revisionsIn(stream)).toEqual([0n, 1n, 2n]);
  });

  it('can follow a soft delete', async () => {
    const stream = uniqueStream('tombstone-after-soft');
    await client().appendToStream(stream, testEvents(2));
    await client().deleteStream(stream);

    await client().tombstoneStream(stream);

    expect(await failureOf(collect(client().readStream(stream)))).toBeInstanceOf(StreamDeletedError);
  });

  it('leaves other streams, including ones sharing a name prefix, untouched', async () => {
    const stream = uniqueStream('tombstone-neighbour');
    await client().appendToStream(stream, testEvents(1));
    await client().appendToStream(`${stream}-2`, testEvents(2));

    await client().tombstoneStream(stream);

    expect(await revisionsIn(`${stream}-2`)).toEqual([0n, 1n]);
  });

  it('ends a subscription to the stream with StreamDeletedError once it is tombstoned', async () => {
    const stream = uniqueStream('tombstone-live-subscription');
    await client().appendToStream(stream, testEvents(2));
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForCount(2);

      await client().tombstoneStream(stream);

      expect(await recorder.waitForError(5_000)).toBeInstanceOf(StreamDeletedError);
      expect(recorder.events).toHaveLength(2);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('refuses a new subscription to a tombstoned stream with StreamDeletedError', async () => {
    const stream = uniqueStream('tombstone-new-subscription');
    await client().appendToStream(stream, testEvents(1));
    await client().tombstoneStream(stream);

    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      expect(await recorder.waitForError(5_000)).toBeInstanceOf(StreamDeletedError);
      expect(recorder.events).toEqual([]);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('writes a $streamDeleted event for the stream into $all', async () => {
    const stream = uniqueStream('tombstone-all');
    await client().appendToStream(stream, testEvents(1));

    const tombstoned = await client().tombstoneStream(stream);

    const [last] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(last.event!.streamId).toBe(stream);
    expect(last.event!.type).toBe('$streamDeleted');
    expect(last.event!.position).toEqual(tombstoned.position);
  });
});
