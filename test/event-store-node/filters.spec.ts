import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import { SubscriptionRecorder, collect, delay, testEvent, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(20_000);

const node = useInProcessNode();
const client = () => node().client;

/** A short tag, unique per test, so names from other tests in this file never match a filter by accident. */
const newTag = () => `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const typesOf = (events: AllStreamResolvedEvent[]) => events.map((resolved) => resolved.event!.type);
const streamsOf = (events: AllStreamResolvedEvent[]) => events.map((resolved) => resolved.event!.streamId);
const SETTLE_MS = 150;

/**
 * Writes `history` (a list of [stream, type] pairs), subscribes to $all from the start with `filter`, waits for the
 * confirmation, writes `live`, and returns everything delivered once the final event (`[stream, type]`) arrives.
 */
async function deliveredThrough(
  filter: Filter,
  history: Array<[string, string]>,
  live: Array<[string, string]>,
): Promise<AllStreamResolvedEvent[]> {
  for (const [stream, type] of history) await client().appendToStream(stream, testEvent(type));
  const recorder = new SubscriptionRecorder(client().subscribeToAll({ fromPosition: START, filter }));
  try {
    await recorder.waitForSignal('confirmation');
    for (const [stream, type] of live) await client().appendToStream(stream, testEvent(type));
    const [lastStream, lastType] = live[live.length - 1];
    await recorder.waitFor((events) => events.some((resolved) => resolved.event!.streamId === lastStream && resolved.event!.type === lastType));
    await delay(SETTLE_MS);
    return [...recorder.events];
  } finally {
    await recorder.unsubscribe();
  }
}

describe('Server-side filters on a $all subscription', () => {
  describe('eventTypeFilter', () => {
    it('with a prefix delivers only events whose type starts with it, from history and live', async () => {
      const tag = newTag();
      const stream = uniqueStream('filter-type');

      const delivered = await deliveredThrough(
        eventTypeFilter({ prefixes: [`${tag}-order-`] }),
        [[stream, `${tag}-order-placed`], [stream, `${tag}-invoice-sent`], [stream, `${tag}-order-paid`]],
        [[stream, `${tag}-invoice-paid`], [stream, `x${tag}-order-placed`], [stream, `${tag}-order-shipped`]],
      );

      expect(typesOf(delivered)).toEqual([`${tag}-order-placed`, `${tag}-order-paid`, `${tag}-order-shipped`]);
    });

    it('with several prefixes delivers events matching any of them', async () => {
      const tag = newTag();
      const stream = uniqueStream('filter-type');

      const delivered = await deliveredThrough(
        eventTypeFilter({ prefixes: [`${tag}-a`, `${tag}-b`] }),
        [[stream, `${tag}-a1`], [stream, `${tag}-c1`], [stream, `${tag}-b1`]],
        [[stream, `${tag}-c2`], [stream, `${tag}-b2`], [stream, `${tag}-a2`]],
      );

      expect(typesOf(delivered)).toEqual([`${tag}-a1`, `${tag}-b1`, `${tag}-b2`, `${tag}-a2`]);
    });

    it('with an anchored regex delivers only events whose type matches it', async () => {
      const tag = newTag();
      const stream = uniqueStream('filter-type');

      const delivered = await deliveredThrough(
        eventTypeFilter({ regex: `^${tag}-(placed|shipped)$` }),
        [[stream, `${tag}-placed`], [stream, `${tag}-placed-twice`], [stream, `${tag}-paid`]],
        [[stream, `x${tag}-shipped`], [stream, `${tag}-shipped`]],
      );

      expect(typesOf(delivered)).toEqual([`${tag}-placed`, `${tag}-shipped`]);
    });

    it('matches an unanchored regex anywhere in the type, as .NET Regex.IsMatch does', async () => {
      const tag = newTag();
      const stream = uniqueStream('filter-type');

      const delivered = await deliveredThrough(
        eventTypeFilter({ regex: `${tag}-mid` }),
        [[stream, `before-${tag}-mid-after`], [stream, `${tag}-other`]],
        [[stream, `${tag}-mid`]],
      );

      expect(typesOf(delivered)).toEqual([`before-${tag}-mid-after`, `${tag}-mid`]);
    });
  });

  describe('streamNameFilter', () => {
    it('with a prefix delivers only events of streams whose name starts with it', async () => {
      const tag = newTag();
      const [cart1, cart2, user1] = [`${tag}-cart-1`, `${tag}-cart-2`, `${tag}-user-1`];

      const delivered = await deliveredThrough(
        streamNameFilter({ prefixes: [`${tag}-cart-`] }),
        [[cart1, 'Added'], [user1, 'Registered'], [cart2, 'Added']],
        [[user1, 'Renamed'], [`x${tag}-cart-3`, 'Added'], [cart1, 'CheckedOut']],
      );

      expect(streamsOf(delivered)).toEqual([cart1, cart2, cart1]);
      expect(typesOf(delivered)).toEqual(['Added', 'Added', 'CheckedOut']);
    });

    it('with several prefixes delivers events of streams matching any of them', async () => {
      const tag = newTag();

      const delivered = await deliveredThrough(
        streamNameFilter({ prefixes: [`${tag}-cart-`, `${tag}-user-`] }),
        [[`${tag}-cart-1`, 'Added'], [`${tag}-order-1`, 'Placed']],
        [[`${tag}-user-1`, 'Registered']],
      );

      expect(streamsOf(delivered)).toEqual([`${tag}-cart-1`, `${tag}-user-1`]);
    });

    it('with a regex delivers only events of streams whose name matches it', async () => {
      const tag = newTag();

      const delivered = await deliveredThrough(
        streamNameFilter({ regex: `^${tag}-cart-\\d+$` }),
        [[`${tag}-cart-1`, 'Added'], [`${tag}-cart-x`, 'Added'], [`${tag}-cart-22`, 'Added']],
        [[`${tag}-cart-1-archive`, 'Archived'], [`${tag}-cart-3`, 'Added']],
      );

      expect(streamsOf(delivered)).toEqual([`${tag}-cart-1`, `${tag}-cart-22`, `${tag}-cart-3`]);
    });
  });

  describe('excludeSystemEvents', () => {
    it('omits $-typed events such as $metadata, which an unfiltered read of $all contains', async () => {
      const tag = newTag();
      const stream = `${tag}-with-metadata`;
      await client().appendToStream(stream, testEvents(1, `${tag}-before`));
      await client().setStreamMetadata(stream, { maxCount: 100, owner: tag });

      const unfiltered = await collect(client().readAll());
      const metadataEvent = unfiltered.find((resolved) => resolved.event?.streamId === `$$${stream}`);
      expect(metadataEvent?.event?.type).toBe('$metadata');

      const delivered = await deliveredThrough(excludeSystemEvents(), [], [[stream, `${tag}-after`]]);

      expect(delivered.filter((resolved) => resolved.event!.type.startsWith('$'))).toEqual([]);
      expect(typesOf(delivered)).toEqual(expect.arrayContaining([`${tag}-before`, `${tag}-after`]));
      expect(streamsOf(delivered)).not.toContain(`$$${stream}`);
    });
  });

  describe('checkpointReached', () => {
    it('reports checkpoints at non-decreasing positions while catching up over many non-matching events', async () => {
      const tag = newTag();
      const noise = uniqueStream('filter-checkpoint-noise');
      const firstNoise = await client().appendToStream(noise, testEvents(1, `${tag}-noise`));
      for (let i = 0; i < 10; i++) await client().appendToStream(noise, testEvents(30, `${tag}-noise`));
      const [lastNoise] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
      const checkpoints: Position[] = [];
      const recorder = new SubscriptionRecorder(
        client().subscribeToAll({
          fromPosition: START,
          filter: eventTypeFilter({
            prefixes: [`${tag}-match`],
            checkpointInterval: 1,
            checkpointReached: (_subscription, position) => {
              checkpoints.push(position);
            },
          }),
        }),
      );
      try {
        await recorder.waitForSignal('confirmation');
        await client().appendToStream(uniqueStream('filter-checkpoint'), testEvent(`${tag}-match`));
        await recorder.waitForCount(1);

        expect(typesOf(recorder.events)).toEqual([`${tag}-match`]);
        expect(checkpoints.length).toBeGreaterThanOrEqual(1);
        expectNonDecreasing(checkpoints);
        // A checkpoint is a position the subscription has scanned up to: never beyond what exists.
        expect(checkpoints[0].commit).toBeLessThanOrEqual(recorder.events[0].event!.position.commit);
        // ...and it advances through the non-matching stretch instead of waiting for the next match.
        expect(
          checkpoints.some((checkpoint) => checkpoint.commit >= firstNoise.position!.commit && checkpoint.commit <= lastNoise.event!.position.commit),
        ).toBe(true);
      } finally {
        await recorder.unsubscribe();
      }
    });

    it('keeps reporting checkpoints while live events do not match', async () => {
      const tag = newTag();
      const checkpoints: Position[] = [];
      const recorder = new SubscriptionRecorder(
        client().subscribeToAll({
          fromPosition: END,
          filter: streamNameFilter({
            prefixes: [`${tag}-match`],
            checkpointInterval: 1,
            checkpointReached: (_subscription, position) => {
              checkpoints.push(position);
            },
          }),
        }),
      );
      try {
        await recorder.waitForSignal('confirmation');
        const noise = uniqueStream('filter-checkpoint-live-noise');
        const firstNoise = await client().appendToStream(noise, testEvents(1));
        for (let i = 0; i < 15; i++) await client().appendToStream(noise, testEvents(20));
        await client().appendToStream(`${tag}-match-1`, testEvent('Matched'));
        await recorder.waitForCount(1);
        const checkpointsBeforeMatch = checkpoints.filter((checkpoint) => checkpoint.commit < recorder.events[0].event!.position.commit);

        expect(streamsOf(recorder.events)).toEqual([`${tag}-match-1`]);
        expect(checkpointsBeforeMatch.length).toBeGreaterThanOrEqual(1);
        expect(checkpointsBeforeMatch.some((checkpoint) => checkpoint.commit >= firstNoise.position!.commit)).toBe(true);
        expectNonDecreasing(checkpoints);
      } finally {
        await recorder.unsubscribe();
      }
    });
  });
});

function expectNonDecreasing(positions: Position[]): void {
  for (let i = 1; i < positions.length; i++) {
    expect(positions[i].commit).toBeGreaterThanOrEqual(positions[i - 1].commit);
    expect(positions[i].prepare).toBeGreaterThanOrEqual(positions[i - 1].prepare);
  }
}
