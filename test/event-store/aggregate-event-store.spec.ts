import { EventStoreDBClient } from '@eventstore/db-client';
import { AggregateEventStore, CommandMetadata, ConcurrencyConflictError, EventSchemas, streamName } from '@app/event-store';
import { EventStoreNode } from '@app/event-store-node';
import { randomUUID } from 'node:crypto';

type TestEvent = { type: 'ContactEstablished'; data: { place: string } } | { type: 'MeetingHeld'; data: { topics: string[]; level: string } };

const metadata: CommandMetadata = {
  actor: { id: 'analyst-1', role: 'editor' },
  recordedAt: '2026-11-28T10:00:00.000Z',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  requestId: 'req-1',
  source: { kind: 'press-release', title: 'Delegation visits Kazan', url: 'https://example.org/kazan' },
  reason: 'from the network newsletter',
};

describe('AggregateEventStore against the embedded node', () => {
  let node: EventStoreNode;
  let client: EventStoreDBClient;
  const schemas = new EventSchemas().register('MeetingHeld', 2, { 1: (data) => ({ ...data, level: data.level ?? 'working' }) });
  let store: AggregateEventStore;

  beforeAll(async () => {
    node = await EventStoreNode.start({ memory: true, port: 0, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    client = EventStoreDBClient.connectionString(node.connectionString);
    store = new AggregateEventStore(client, schemas);
  });

  afterAll(async () => {
    await client.dispose();
    await node.stop();
  });

  const stream = () => streamName('cooperation', randomUUID());

  it('loads a stream that was never written as empty, at no_stream', async () => {
    expect(await store.load(stream())).toEqual({ events: [], revision: 'no_stream' });
  });

  it('appends events with their metadata and schema version, and loads them back in order', async () => {
    const name = stream();
    const appended = await store.append<TestEvent>({
      streamName: name,
      expectedRevision: 'no_stream',
      events: [
        { type: 'ContactEstablished', data: { place: 'Leipzig' } },
        { type: 'MeetingHeld', data: { topics: ['logistics'], level: 'minister' } },
      ],
      metadata,
    });
    expect(appended.nextRevision).toBe(1n);
    expect(appended.eventIds).toHaveLength(2);

    const loaded = await store.load<TestEvent>(name);
    expect(loaded.revision).toBe(1n);
    expect(loaded.events.map((recorded) => recorded.event)).toEqual([
      { type: 'ContactEstablished', data: { place: 'Leipzig' } },
      { type: 'MeetingHeld', data: { topics: ['logistics'], level: 'minister' } },
    ]);
    expect(loaded.events[1].metadata).toEqual({ ...metadata, schemaVersion: 2, chain: expect.objectContaining({ v: 2, lane: expect.stringMatching(/^[0-9a-f]{32}$/) }) });
    expect(loaded.events[1].metadata).toEqual(appended.metadata[1]);
    expect(loaded.events.map((recorded) => recorded.eventId)).toEqual(appended.eventIds);
    expect(loaded.events[1].position?.commit).toBe(appended.position?.commit);
  });

  it('upcasts payloads written under an older schema version', async () => {
    const name = stream();
    const oldStore = new AggregateEventStore(client, new EventSchemas());
    await oldStore.append({ streamName: name, expectedRevision: 'no_stream', events: [{ type: 'MeetingHeld', data: { topics: [] } }], metadata });

    const [recorded] = (await store.load<TestEvent>(name)).events;
    expect(recorded.metadata.schemaVersion).toBe(1);
    expect(recorded.event.data).toEqual({ topics: [], level: 'working' });
  });

  it('turns a stale expected revision into a ConcurrencyConflictError with both revisions, appending nothing', async () => {
    const name = stream();
    await store.append({ streamName: name, expectedRevision: 'no_stream', events: [{ type: 'ContactEstablished', data: { place: 'Kazan' } }], metadata });

    const stale = store.append({ streamName: name, expectedRevision: 'no_stream', events: [{ type: 'ContactEstablished', data: { place: 'Kazan' } }], metadata });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(stale).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', expectedRevision: 'no_stream', actualRevision: 0n });
    expect((await store.load(name)).events).toHaveLength(1);
  });

  it('makes a retried command with the same idempotency key append nothing new and answer as the first time', async () => {
    const name = stream();
    const request = {
      streamName: name,
      expectedRevision: 'no_stream' as const,
      events: [{ type: 'ContactEstablished', data: { place: 'Leipzig' } }, { type: 'ContactEstablished', data: { place: 'Halle' } }],
      metadata,
      idempotencyKey: 'request-7',
    };
    const first = await store.append(request);
    const retry = await store.append(request);

    // The answer is the first one's; only the metadata differs: it is what the retry would have written (a later
    // recordedAt and chain link), which the server never stored.
    expect({ ...retry, metadata: [] }).toEqual({ ...first, metadata: [] });
    expect((await store.load(name)).events.map((recorded) => recorded.metadata)).toEqual(first.metadata);
  });
});
