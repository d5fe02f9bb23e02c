import { BACKWARDS, END, FORWARDS, START, type AllStreamResolvedEvent, type ReadAllOptions } from '@eventstore/db-client';
import { collect, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

const label = (resolved: AllStreamResolvedEvent) => `${resolved.event!.streamId}@${resolved.event!.revision}`;

describe('Read $all', () => {
  const streamA = uniqueStream('read-all-a');
  const streamB = uniqueStream('read-all-b');
  const mine = (resolved: AllStreamResolvedEvent) => resolved.event?.streamId === streamA || resolved.event?.streamId === streamB;
  /** Labels of this suite's events in the order they were appended. */
  const appended = [
    ...[0, 1, 2].map((revision) => `${streamA}@${revision}`),
    ...[0, 1, 2].map((revision) => `${streamB}@${revision}`),
    ...[3, 4].map((revision) => `${streamA}@${revision}`),
  ];

  beforeAll(async () => {
    await client().appendToStream(streamA, testEvents(3));
    await client().appendToStream(streamB, testEvents(3));
    await client().appendToStream(streamA, testEvents(2));
  });

  const readMine = async (options?: ReadAllOptions) => (await collect(client().readAll(options))).filter(mine);

  it('returns events of every stream forwards from START in the order they were appended', async () => {
    expect((await readMine()).map(label)).toEqual(appended);
  });

  it('returns events backwards from END newest first', async () => {
    expect((await readMine({ direction: BACKWARDS, fromPosition: END })).map(label)).toEqual([...appended].reverse());
  });

  it('gives every event a position, strictly increasing forwards over the whole log', async () => {
    const all = await collect(client().readAll());

    for (let i = 1; i < all.length; i++) {
      expect(all[i].event!.position.commit).toBeGreaterThan(all[i - 1].event!.position.commit);
      expect(all[i].event!.position.prepare).toBeGreaterThan(all[i - 1].event!.position.prepare);
    }
  });

  it('starts a forwards read at the given position, including the event at that position', async () => {
    const events = await readMine();
    const from = events[3].event!.position;

    const read = await collect(client().readAll({ direction: FORWARDS, fromPosition: from, maxCount: 2 }));

    expect(read.map(label)).toEqual(appended.slice(3, 5));
  });

  it('starts a backwards read at the given position with the event strictly before it', async () => {
    const events = await readMine();
    const from = events[3].event!.position;

    const read = await collect(client().readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 2 }));

    expect(read.map(label)).toEqual([appended[2], appended[1]]);
  });

  it('stops forwards after maxCount events', async () => {
    const read = await collect(client().readAll({ fromPosition: START, maxCount: 2 }));

    expect(read).toHaveLength(2);
  });

  it('stops backwards after maxCount events, starting with the last event written', async () => {
    const read = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));

    expect(read.map(label)).toEqual([appended[appended.length - 1]]);
  });

  it('returns nothing forwards from END', async () => {
    expect(await collect(client().readAll({ direction: FORWARDS, fromPosition: END }))).toEqual([]);
  });

  it('returns nothing backwards from START', async () => {
    expect(await collect(client().readAll({ direction: BACKWARDS, fromPosition: START }))).toEqual([]);
  });

  it('reports each event commit position on the resolved event as well', async () => {
    for (const resolved of await readMine()) {
      expect(resolved.commitPosition).toBe(resolved.event!.position.commit);
    }
  });

  it('places events appended later after everything read before', async () => {
    const [lastBefore] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    const stream = uniqueStream('read-all-later');

    await client().appendToStream(stream, testEvents(1));

    const [newest] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(newest.event!.streamId).toBe(stream);
    expect(newest.event!.position.commit).toBeGreaterThan(lastBefore.event!.position.commit);
  });

  it('returns a long history completely, forwards and backwards', async () => {
    const stream = uniqueStream('read-all-long');
    for (let i = 0; i < 30; i++) await client().appendToStream(stream, testEvents(100, 'Bulk', i * 100));
    const indexes = (events: AllStreamResolvedEvent[]) =>
      events.filter((resolved) => resolved.event?.streamId === stream).map((resolved) => (resolved.event!.data as { index: number }).index);

    const forwards = indexes(await collect(client().readAll()));
    const backwards = indexes(await collect(client().readAll({ direction: BACKWARDS, fromPosition: END })));

    expect(forwards).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(backwards).toEqual(Array.from({ length: 3000 }, (_, i) => 2999 - i));
  });
});
