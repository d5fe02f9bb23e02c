import { BACKWARDS, START, excludeSystemEvents, type AllStreamResolvedEvent } from '@eventstore/db-client';
import {
  LEGACY_APPEND,
  SubscriptionRecorder,
  collect,
  testEvent,
  testEvents,
  uniqueStream,
  useInProcessNode,
} from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

const eventsOf = async (stream: string): Promise<AllStreamResolvedEvent[]> =>
  (await collect(client().readAll())).filter((resolved) => resolved.event?.streamId === stream);

describe('Log positions', () => {
  it.each([
    ['BatchAppend', {}],
    ['legacy Append', LEGACY_APPEND],
  ])('a single-event append through %s returns the position the event has in $all (commit equals prepare)', async (_path, callOptions) => {
    const stream = uniqueStream('position-single');

    const result = await client().appendToStream(stream, testEvents(1), callOptions);

    const [event] = await eventsOf(stream);
    expect(result.position).toEqual(event.event!.position);
    expect(result.position!.commit).toBe(result.position!.prepare);
  });

  it('a multi-event append gives its events increasing positions and returns the position of the last one', async () => {
    const stream = uniqueStream('position-multi');

    const result = await client().appendToStream(stream, testEvents(4));

    const events = await eventsOf(stream);
    expect(events).toHaveLength(4);
    for (let i = 1; i < events.length; i++) {
      expect(events[i].event!.position.commit).toBeGreaterThan(events[i - 1].event!.position.commit);
    }
    expect(result.position).toEqual(events[3].event!.position);
  });

  it('stream reads report the same positions as $all', async () => {
    const stream = uniqueStream('position-stream-read');
    await client().appendToStream(stream, testEvents(3));

    const fromStream = await collect(client().readStream(stream));

    const fromAll = await eventsOf(stream);
    expect(fromStream.map((resolved) => resolved.event!.position)).toEqual(fromAll.map((resolved) => resolved.event!.position));
  });

  it('positions strictly increase in $all order, commit and prepare alike, across streams and appends', async () => {
    await client().appendToStream(uniqueStream('position-order-a'), testEvents(3));
    await client().appendToStream(uniqueStream('position-order-b'), testEvents(1));
    await client().appendToStream(uniqueStream('position-order-a'), testEvents(2));

    const all = await collect(client().readAll());

    expect(all.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < all.length; i++) {
      expect(all[i].event!.position.commit).toBeGreaterThan(all[i - 1].event!.position.commit);
      expect(all[i].event!.position.prepare).toBeGreaterThan(all[i - 1].event!.position.prepare);
    }
  });

  it('each append returns a greater position than the one before', async () => {
    const stream = uniqueStream('position-growth');
    let previous = (await client().appendToStream(stream, testEvents(1))).position!;

    for (let i = 0; i < 5; i++) {
      const next = (await client().appendToStream(uniqueStream('position-growth'), testEvents(1 + i))).position!;
      expect(next.commit).toBeGreaterThan(previous.commit);
      previous = next;
    }
  });

  it('reading $all backwards from an append result position returns what came strictly before that append', async () => {
    const stream = uniqueStream('position-backwards');
    await client().appendToStream(stream, testEvent('Before'));
    const result = await client().appendToStream(stream, testEvent('At'));

    const [previous] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: result.position!, maxCount: 1 }));

    expect(previous.event!.type).toBe('Before');
  });
});

describe('System events', () => {
  it('setStreamMetadata writes a $metadata event to $$<stream>, visible in an unfiltered read of $all', async () => {
    const stream = uniqueStream('system-metadata');

    const result = await client().setStreamMetadata(stream, { maxCount: 3 });

    const [metadataEvent] = await eventsOf(`$$${stream}`);
    expect(metadataEvent.event!.type).toBe('$metadata');
    expect(metadataEvent.event!.revision).toBe(0n);
    expect(metadataEvent.event!.position).toEqual(result.position);
  });

  it('an unfiltered $all subscription delivers $-typed events, excludeSystemEvents omits them', async () => {
    const stream = uniqueStream('system-filtered');
    const start = await client().appendToStream(stream, testEvent('UserEventBefore'));
    await client().setStreamMetadata(stream, { maxCount: 10 });
    await client().appendToStream(stream, testEvent('UserEventAfter'));
    const tombstoned = uniqueStream('system-tombstone');
    await client().appendToStream(tombstoned, testEvent('Doomed'));
    await client().tombstoneStream(tombstoned);
    const marker = uniqueStream('system-marker');
    await client().appendToStream(marker, testEvent('Marker'));
    const reachedMarker = (events: AllStreamResolvedEvent[]) => events.some((resolved) => resolved.event?.streamId === marker);

    const unfiltered = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: START }));
    const filtered = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() }));
    try {
      await unfiltered.waitFor(reachedMarker);
      await filtered.waitFor(reachedMarker);
    } finally {
      await unfiltered.unsubscribe();
      await filtered.unsubscribe();
    }

    const after = (resolved: AllStreamResolvedEvent) => resolved.event!.position.commit >= start.position!.commit;
    const typesIn = (events: AllStreamResolvedEvent[]) => events.filter(after).map((resolved) => resolved.event!.type);
    expect(typesIn(unfiltered.events)).toEqual(['UserEventBefore', '$metadata', 'UserEventAfter', 'Doomed', '$streamDeleted', 'Marker']);
    expect(typesIn(filtered.events)).toEqual(['UserEventBefore', 'UserEventAfter', 'Doomed', 'Marker']);
    expect(filtered.events.filter((resolved) => resolved.event!.type.startsWith('$'))).toEqual([]);
  });
});
