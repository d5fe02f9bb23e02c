import { END, EventStoreDBClient, START, binaryEvent, streamNameFilter, type AllStreamResolvedEvent, type ResolvedEvent } from '@eventstore/db-client';
import {
  StandaloneNode,
  SubscriptionRecorder,
  collect,
  delay,
  testEvents,
  uniqueStream,
  useInProcessNode,
} from '../support/event-store-node.harness';

jest.setTimeout(20_000);

const node = useInProcessNode();
const client = () => node().client;

const revisions = (events: ResolvedEvent[]) => events.map((resolved) => resolved.event!.revision);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => BigInt(from + i));
/** Long enough for a wrongly delivered extra event to show up. */
const SETTLE_MS = 150;

describe('Catch-up subscription to a stream', () => {
  it('delivers the history, then live events, in revision order without gaps or duplicates', async () => {
    const stream = uniqueStream('sub-stream');
    await client().appendToStream(stream, testEvents(5));
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForCount(5);
      for (let i = 0; i < 5; i++) await client().appendToStream(stream, testEvents(1, 'Live', 5 + i));
      await recorder.waitForCount(10);
      await delay(SETTLE_MS);

      expect(revisions(recorder.events)).toEqual(range(0, 10));
      expect(recorder.events.map((resolved) => (resolved.event!.data as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('confirms before any event and signals caughtUp once the history has been delivered', async () => {
    const stream = uniqueStream('sub-stream-signals');
    await client().appendToStream(stream, testEvents(3));
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForSignal('caughtUp');

      expect(recorder.signals[0]).toEqual({ name: 'confirmation', afterEvents: 0 });
      expect(recorder.signals.find((signal) => signal.name === 'caughtUp')!.afterEvents).toBe(3);
      await client().appendToStream(stream, testEvents(1));
      await recorder.waitForCount(4);
      expect(revisions(recorder.events)).toEqual(range(0, 4));
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('starts after the given revision: the start revision itself is not delivered', async () => {
    const stream = uniqueStream('sub-stream-from');
    await client().appendToStream(stream, testEvents(5));
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: 2n }));
    try {
      await recorder.waitForCount(2);
      await client().appendToStream(stream, testEvents(1));
      await recorder.waitForCount(3);
      await delay(SETTLE_MS);

      expect(revisions(recorder.events)).toEqual([3n, 4n, 5n]);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('from END delivers only events appended after it was confirmed', async () => {
    const stream = uniqueStream('sub-stream-end');
    await client().appendToStream(stream, testEvents(3));
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: END }));
    try {
      await recorder.waitForSignal('confirmation');
      await client().appendToStream(stream, testEvents(2));
      await recorder.waitForCount(2);
      await delay(SETTLE_MS);

      expect(revisions(recorder.events)).toEqual([3n, 4n]);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('waits for a stream that does not exist yet and delivers it from its first event', async () => {
    const stream = uniqueStream('sub-stream-later');
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForSignal('confirmation');
      await client().appendToStream(stream, testEvents(2));
      await recorder.waitForCount(2);

      expect(revisions(recorder.events)).toEqual([0n, 1n]);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('delivers only the events of its own stream', async () => {
    const stream = uniqueStream('sub-stream-own');
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForSignal('confirmation');
      await client().appendToStream(uniqueStream('sub-stream-noise'), testEvents(3));
      await client().appendToStream(`${stream}-suffix`, testEvents(1));
      await client().appendToStream(stream, testEvents(1));
      await recorder.waitForCount(1);
      await delay(SETTLE_MS);

      expect(recorder.events.map((resolved) => resolved.event!.streamId)).toEqual([stream]);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('delivers a burst of appends issued without waiting in the order they were written', async () => {
    const stream = uniqueStream('sub-stream-burst');
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForSignal('confirmation');
      await Promise.all(Array.from({ length: 30 }, (_, i) => client().appendToStream(stream, testEvents(1, 'Burst', i))));
      await recorder.waitForCount(30);
      await delay(SETTLE_MS);

      const written = await collect(client().readStream(stream));
      expect(revisions(recorder.events)).toEqual(range(0, 30));
      expect(recorder.events.map((resolved) => resolved.event!.id)).toEqual(written.map((resolved) => resolved.event!.id));
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('stops delivering after unsubscribe while the node keeps serving', async () => {
    const stream = uniqueStream('sub-stream-unsubscribe');
    const recorder = new SubscriptionRecorder(client().subscribeToStream(stream, { fromRevision: START }));
    await recorder.waitForSignal('confirmation');
    await client().appendToStream(stream, testEvents(1));
    await recorder.waitForCount(1);

    await recorder.unsubscribe();
    await client().appendToStream(stream, testEvents(2));
    await delay(SETTLE_MS);

    expect(recorder.events).toHaveLength(1);
    expect(recorder.error).toBeUndefined();
    expect(await collect(client().readStream(stream))).toHaveLength(3);
  });
});

describe('Catch-up subscription to $all', () => {
  const labelsOf = (events: AllStreamResolvedEvent[], streams: string[]) =>
    events.filter((resolved) => streams.includes(resolved.event!.streamId)).map((resolved) => `${resolved.event!.streamId}@${resolved.event!.revision}`);

  it('delivers the history, then live events, in $all order without gaps or duplicates', async () => {
    const streams = [uniqueStream('sub-all-a'), uniqueStream('sub-all-b')];
    await client().appendToStream(streams[0], testEvents(2));
    await client().appendToStream(streams[1], testEvents(2));
    const recorder = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: START }));
    try {
      await recorder.waitFor((events) => labelsOf(events, streams).length === 4);
      for (let i = 0; i < 6; i++) await client().appendToStream(streams[i % 2], testEvents(1 + (i % 3)));
      await recorder.waitFor((events) => labelsOf(events, streams).length === 16);
      await delay(SETTLE_MS);

      const all = await collect(client().readAll());
      expect(labelsOf(recorder.events, streams)).toEqual(labelsOf(all, streams));
      // The whole delivery, not only this test's events, is $all itself: same ids, same order, nothing twice.
      expect(recorder.events.map((resolved) => resolved.event!.id)).toEqual(all.map((resolved) => resolved.event!.id));
      for (let i = 1; i < recorder.events.length; i++) {
        expect(recorder.events[i].event!.position.commit).toBeGreaterThan(recorder.events[i - 1].event!.position.commit);
      }
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('signals caughtUp after delivering everything written before it started', async () => {
    const written = (await collect(client().readAll())).length;
    const recorder = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: START }));
    try {
      await recorder.waitForSignal('caughtUp');

      expect(recorder.signals[0]).toEqual({ name: 'confirmation', afterEvents: 0 });
      expect(recorder.signals.find((signal) => signal.name === 'caughtUp')!.afterEvents).toBeGreaterThanOrEqual(written);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('starts after the given position: the event at that position is not delivered', async () => {
    const stream = uniqueStream('sub-all-from');
    const first = await client().appendToStream(stream, testEvents(1));
    await client().appendToStream(stream, testEvents(2));
    const recorder = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: first.position! }));
    try {
      await recorder.waitFor((events) => labelsOf(events, [stream]).length === 2);
      await client().appendToStream(stream, testEvents(1));
      await recorder.waitFor((events) => labelsOf(events, [stream]).length === 3);
      await delay(SETTLE_MS);

      expect(labelsOf(recorder.events, [stream])).toEqual([1, 2, 3].map((revision) => `${stream}@${revision}`));
      expect(recorder.events[0].event!.position.commit).toBeGreaterThan(first.position!.commit);
    } finally {
      await recorder.unsubscribe();
    }
  });

  it('from END delivers only events appended after it was confirmed', async () => {
    const stream = uniqueStream('sub-all-end');
    await client().appendToStream(stream, testEvents(2));
    const recorder = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: END }));
    try {
      await recorder.waitForSignal('confirmation');
      await client().appendToStream(stream, testEvents(1));
      await recorder.waitForCount(1);
      await delay(SETTLE_MS);

      expect(labelsOf(recorder.events, [stream])).toEqual([`${stream}@2`]);
      expect(recorder.events).toHaveLength(1);
    } finally {
      await recorder.unsubscribe();
    }
  });
});

describe('Back-pressure from a subscriber that stops reading', () => {
  it('delivers every event in order once the subscriber resumes, without the node leaking listeners while it waits', async () => {
    // Run as a separate process so the node's own warnings (stderr) are observable.
    const standalone = await StandaloneNode.spawn({ memory: true });
    const slowClient = EventStoreDBClient.connectionString(standalone.connectionString);
    const stream = uniqueStream('slow-subscriber');
    const toStream = new SubscriptionRecorder(slowClient.subscribeToStream(stream, { fromRevision: START }));
    const toAll = new SubscriptionRecorder(slowClient.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [stream] }) }));
    try {
      await Promise.all([toStream.waitForSignal('confirmation'), toAll.waitForSignal('confirmation')]);
      toStream.subscription.pause();
      toAll.subscription.pause();

      // Far more than HTTP/2 flow-control windows and client buffers hold, one append at a time.
      const count = 300;
      for (let i = 0; i < count; i++) await slowClient.appendToStream(stream, binaryEvent({ type: 'Large', data: Buffer.alloc(8 * 1024, i % 256) }));
      toStream.subscription.resume();
      toAll.subscription.resume();
      await Promise.all([toStream.waitForCount(count, 20_000), toAll.waitForCount(count, 20_000)]);

      expect(revisions(toStream.events)).toEqual(range(0, count));
      expect(toAll.events.map((resolved) => resolved.event!.revision)).toEqual(range(0, count));
      await delay(SETTLE_MS);
      expect(standalone.stderr).not.toMatch(/MaxListenersExceededWarning/);
    } finally {
      await toStream.unsubscribe();
      await toAll.unsubscribe();
      await slowClient.dispose();
      await standalone.stop();
    }
  });
});
