import fc from 'fast-check';
import {
  ANY,
  NO_STREAM,
  START,
  WrongExpectedVersionError,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import {
  LEGACY_APPEND,
  SubscriptionRecorder,
  collect,
  delay,
  testEvents,
  uniqueStream,
  useInProcessNode,
} from '../support/event-store-node.harness';

jest.setTimeout(60_000);

const node = useInProcessNode();
const WRITERS = 6;
/** One client (one gRPC channel, one BatchAppend stream) per writer, so writers really race over the network. */
let writers: EventStoreDBClient[] = [];

beforeAll(() => {
  writers = Array.from({ length: WRITERS }, () => node().newClient());
});

afterAll(async () => {
  await Promise.all(writers.map((writer) => writer.dispose()));
});

const expectedAt = (revision: number): AppendExpectedRevision => (revision < 0 ? NO_STREAM : BigInt(revision));

describe('Concurrent writers on one stream', () => {
  it('exactly one of several writers racing on the same expected revision wins, round after round', async () => {
    const stream = uniqueStream('race-rounds');
    const rounds = 12;

    for (let round = 0; round < rounds; round++) {
      const attempts = writers.map((writer, i) =>
        writer.appendToStream(stream, testEvents(1, `Writer${i}`), { expectedRevision: expectedAt(round - 1), ...(i % 2 ? LEGACY_APPEND : {}) }),
      );
      const outcomes = await Promise.allSettled(attempts);

      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      expect((winners[0] as PromiseFulfilledResult<{ nextExpectedRevision: bigint }>).value.nextExpectedRevision).toBe(BigInt(round));
      for (const outcome of outcomes.filter((candidate) => candidate.status === 'rejected')) {
        const error = (outcome as PromiseRejectedResult).reason;
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        // The winner got there first, so every loser sees the winner's revision.
        expect((error as WrongExpectedVersionError).actualVersion).toBe(BigInt(round));
      }
    }

    const events = await collect(writers[0].readStream(stream));
    expect(events.map((resolved) => resolved.event!.revision)).toEqual(Array.from({ length: rounds }, (_, i) => BigInt(i)));
  });

  it('under random schedules, batch sizes and append methods, a race has exactly one winner whose events alone are written', async () => {
    const attempt = fc.record({
      writer: fc.integer({ min: 0, max: WRITERS - 1 }),
      batchSize: fc.integer({ min: 1, max: 3 }),
      legacy: fc.boolean(),
      delayMs: fc.integer({ min: 0, max: 3 }),
    });

    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 2, maxLength: 8 }), fc.integer({ min: 0, max: 3 }), async (attempts, existing) => {
        const stream = uniqueStream('race-property');
        if (existing > 0) await writers[0].appendToStream(stream, testEvents(existing));
        const batches = attempts.map((candidate) => testEvents(candidate.batchSize, `Batch${candidate.writer}`));

        const outcomes = await Promise.allSettled(
          attempts.map(async (candidate, i) => {
            if (candidate.delayMs) await delay(candidate.delayMs);
            return writers[candidate.writer].appendToStream(stream, batches[i], {
              expectedRevision: expectedAt(existing - 1),
              ...(candidate.legacy ? LEGACY_APPEND : {}),
            });
          }),
        );

        const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        outcomes
          .filter((outcome) => outcome.status === 'rejected')
          .forEach((outcome) => expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError));
        const written = await collect(writers[0].readStream(stream));
        expect(written.slice(existing).map((resolved) => resolved.event!.id)).toEqual(batches[winners[0]].map((event) => event.id));
      }),
      { numRuns: 25 },
    );
  });

  it('appends with expected revision any from many writers get distinct, gap-free revisions in each writer order', async () => {
    const stream = uniqueStream('race-any');
    const perWriter = 20;

    const acknowledged = await Promise.all(
      writers.map(async (writer, w) => {
        const revisions: bigint[] = [];
        for (let i = 0; i < perWriter; i++) {
          const result = await writer.appendToStream(stream, testEvents(1, `Writer${w}`, i), { expectedRevision: ANY, ...(w % 2 ? LEGACY_APPEND : {}) });
          revisions.push(result.nextExpectedRevision);
        }
        return revisions;
      }),
    );

    const all = acknowledged.flat().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(all).toEqual(Array.from({ length: WRITERS * perWriter }, (_, i) => BigInt(i)));
    const events = await collect(writers[0].readStream(stream));
    for (let w = 0; w < WRITERS; w++) {
      const indexes = events.filter((resolved) => resolved.event!.type === `Writer${w}`).map((resolved) => (resolved.event!.data as { index: number }).index);
      expect(indexes).toEqual(Array.from({ length: perWriter }, (_, i) => i));
    }
  });
});

describe('Subscriptions under concurrent appends', () => {
  it('a $all subscription sees appends from many writers in exactly readAll order, without gaps or duplicates', async () => {
    const prefix = uniqueStream('concurrent-all');
    const mine = (resolved: AllStreamResolvedEvent) => resolved.event!.streamId.startsWith(prefix);
    const perWriter = 25;
    const recorder = new SubscriptionRecorder(node().client.subscribeToAll({ fromPosition: START }));
    try {
      await recorder.waitForSignal('confirmation');
      const counts = await Promise.all(
        writers.map(async (writer, w) => {
          let written = 0;
          for (let i = 0; i < perWriter; i++) {
            const batch = 1 + ((w + i) % 3);
            await writer.appendToStream(`${prefix}-${(w + i) % 4}`, testEvents(batch, `Writer${w}`));
            written += batch;
          }
          return written;
        }),
      );
      const total = counts.reduce((sum, count) => sum + count, 0);
      await recorder.waitFor((events) => events.filter(mine).length >= total, 20_000);
      await delay(150);

      const delivered = recorder.events.filter(mine);
      const read = (await collect(node().client.readAll())).filter(mine);
      expect(delivered).toHaveLength(total);
      expect(delivered.map((resolved) => resolved.event!.id)).toEqual(read.map((resolved) => resolved.event!.id));
      expect(new Set(delivered.map((resolved) => resolved.event!.id)).size).toBe(total);
      for (let i = 1; i < delivered.length; i++) {
        expect(delivered[i].event!.position.commit).toBeGreaterThan(delivered[i - 1].event!.position.commit);
      }
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('a stream subscription sees appends from many writers in revision order, each revision once', async () => {
    const stream = uniqueStream('concurrent-stream');
    const perWriter = 15;
    const recorder = new SubscriptionRecorder(node().client.subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForSignal('confirmation');
      await Promise.all(
        writers.map(async (writer, w) => {
          for (let i = 0; i < perWriter; i++) await writer.appendToStream(stream, testEvents(1, `Writer${w}`, i));
        }),
      );
      const total = WRITERS * perWriter;
      await recorder.waitForCount(total, 20_000);
      await delay(150);

      expect(recorder.events.map((resolved) => resolved.event!.revision)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i)));
      const read = await collect(node().client.readStream(stream));
      expect(recorder.events.map((resolved) => resolved.event!.id)).toEqual(read.map((resolved) => resolved.event!.id));
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('subscriptions started while writers are appending switch from history to live without gaps or duplicates', async () => {
    const stream = uniqueStream('concurrent-switch');
    const perWriter = 40;
    // A history long enough that catching up is still going on when the live appends arrive.
    for (let i = 0; i < 20; i++) await writers[0].appendToStream(stream, testEvents(50, 'History'));
    let writing = true;
    const appends = Promise.all(
      writers.map(async (writer) => {
        for (let i = 0; i < perWriter && writing; i++) await writer.appendToStream(stream, testEvents(1, 'Live'));
      }),
    );
    const toStream = new SubscriptionRecorder(node().client.subscribeToStream(stream, { fromRevision: START }));
    const toAll = new SubscriptionRecorder(node().client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [stream] }) }));
    try {
      await appends;
      writing = false;
      const total = 1000 + WRITERS * perWriter;
      await Promise.all([toStream.waitForCount(total, 20_000), toAll.waitForCount(total, 20_000)]);
      await delay(150);

      const expected = Array.from({ length: total }, (_, i) => BigInt(i));
      expect(toStream.events.map((resolved) => resolved.event!.revision)).toEqual(expected);
      expect(toAll.events.map((resolved) => resolved.event!.revision)).toEqual(expected);
    } finally {
      writing = false;
      await toStream.unsubscribe();
      await toAll.unsubscribe();
    }
  });

  it('two subscribers to $all receive the same events in the same order', async () => {
    const prefix = uniqueStream('concurrent-twins');
    const mine = (resolved: AllStreamResolvedEvent) => resolved.event!.streamId.startsWith(prefix);
    const first = new SubscriptionRecorder(writers[0].subscribeToAll({ fromPosition: START }));
    const second = new SubscriptionRecorder(writers[1].subscribeToAll({ fromPosition: START }));
    try {
      await Promise.all([first.waitForSignal('confirmation'), second.waitForSignal('confirmation')]);
      await Promise.all(writers.map((writer, w) => writer.appendToStream(`${prefix}-${w}`, testEvents(3))));
      const total = WRITERS * 3;
      await Promise.all([first.waitFor((events) => events.filter(mine).length >= total), second.waitFor((events) => events.filter(mine).length >= total)]);

      expect(first.events.filter(mine).map((resolved) => resolved.event!.id)).toEqual(second.events.filter(mine).map((resolved) => resolved.event!.id));
    } finally {
      await first.unsubscribe();
      await second.unsubscribe();
    }
  });
});
