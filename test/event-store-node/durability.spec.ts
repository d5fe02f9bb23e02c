import {
  EventStoreDBClient,
  NO_STREAM,
  StreamDeletedError,
  START,
  StreamNotFoundError,
  binaryEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
} from '@eventstore/db-client';
import {
  InProcessNode,
  StandaloneNode,
  SubscriptionRecorder,
  collect,
  createTempDir,
  delay,
  failureOf,
  removeDir,
  testEvents,
  uniqueStream,
} from '../support/event-store-node.harness';

jest.setTimeout(60_000);

let dataDir: string;

beforeEach(async () => {
  dataDir = await createTempDir();
});

afterEach(async () => {
  await removeDir(dataDir);
});

const idsIn = async (client: EventStoreDBClient, stream: string) => (await collect(client.readStream(stream))).map((resolved) => resolved.event!.id);
const allIds = async (client: EventStoreDBClient) => (await collect(client.readAll())).map((resolved) => resolved.event!.id);

describe('Durability across a graceful restart', () => {
  it('keeps events, $all order and positions, revisions, metadata and deletions', async () => {
    const node = await InProcessNode.start({ dataDir });
    try {
      const kept = uniqueStream('durable-kept');
      const capped = uniqueStream('durable-capped');
      const softDeleted = uniqueStream('durable-soft');
      const tombstoned = uniqueStream('durable-tombstone');
      await node.client.appendToStream(kept, testEvents(3));
      await node.client.appendToStream(capped, testEvents(5));
      await node.client.setStreamMetadata(capped, { maxCount: 2, owner: 'ops' });
      await node.client.appendToStream(softDeleted, testEvents(2));
      await node.client.deleteStream(softDeleted);
      await node.client.appendToStream(tombstoned, testEvents(1));
      await node.client.tombstoneStream(tombstoned);
      const before = await collect(node.client.readAll());

      await node.restart();

      const after = await collect(node.client.readAll());
      const facts = (resolved: AllStreamResolvedEvent) => {
        const { id, streamId, revision, position, created, type } = resolved.event!;
        return { id, streamId, revision, position, created, type };
      };
      expect(after.map(facts)).toEqual(before.map(facts));
      expect((await collect(node.client.readStream(capped))).map((resolved) => resolved.event!.revision)).toEqual([3n, 4n]);
      expect((await node.client.getStreamMetadata(capped)).metadata).toEqual({ maxCount: 2, owner: 'ops' });
      expect(await failureOf(collect(node.client.readStream(softDeleted)))).toBeInstanceOf(StreamNotFoundError);
      expect(await failureOf(collect(node.client.readStream(tombstoned)))).toBeInstanceOf(StreamDeletedError);
      expect(await failureOf(node.client.appendToStream(tombstoned, testEvents(1)))).toBeInstanceOf(StreamDeletedError);

      const next = await node.client.appendToStream(kept, testEvents(1), { expectedRevision: 2n });
      expect(next.nextExpectedRevision).toBe(3n);
      expect(next.position!.commit).toBeGreaterThan(before[before.length - 1].event!.position.commit);
      const recreated = await node.client.appendToStream(softDeleted, testEvents(1));
      expect(recreated.nextExpectedRevision).toBe(2n);
    } finally {
      await node.stop();
    }
  });

  it('keeps idempotency across a restart: a retried append is not written twice', async () => {
    const node = await InProcessNode.start({ dataDir });
    try {
      const stream = uniqueStream('durable-idempotent');
      const events = testEvents(2);
      await node.client.appendToStream(stream, events, { expectedRevision: NO_STREAM });

      await node.restart();
      const retry = await node.client.appendToStream(stream, events, { expectedRevision: NO_STREAM });

      expect(retry.nextExpectedRevision).toBe(1n);
      expect(await idsIn(node.client, stream)).toEqual(events.map((event) => event.id));
    } finally {
      await node.stop();
    }
  });
});

describe('The data folder', () => {
  it('cannot be opened by a second node while the first one runs', async () => {
    const first = await InProcessNode.start({ dataDir });
    try {
      await expect(InProcessNode.start({ dataDir })).rejects.toThrow();

      const stream = uniqueStream('single-owner');
      await first.client.appendToStream(stream, testEvents(1));
      expect(await idsIn(first.client, stream)).toHaveLength(1);
    } finally {
      await first.stop();
    }
  });

  it('stops promptly while clients still hold subscriptions open, losing nothing acknowledged', async () => {
    const node = await InProcessNode.start({ dataDir });
    const stream = uniqueStream('stop-with-subscriptions');
    const events = testEvents(3);
    await node.client.appendToStream(stream, events);
    const toStream = new SubscriptionRecorder(node.client.subscribeToStream(stream, { fromRevision: START }));
    const toAll = new SubscriptionRecorder(node.client.subscribeToAll({ fromPosition: START }));
    await Promise.all([toStream.waitForSignal('caughtUp'), toAll.waitForSignal('caughtUp')]);

    const stopping = node.node.stop();

    await expect(Promise.race([stopping.then(() => 'stopped'), delay(5_000).then(() => 'still running')])).resolves.toBe('stopped');
    // Disposal of this client is the next test's subject; do not let it hold this one up.
    await Promise.race([node.client.dispose(), delay(1_000)]);
    const reopened = await InProcessNode.start({ dataDir });
    try {
      expect(await idsIn(reopened.client, stream)).toEqual(events.map((event) => event.id));
    } finally {
      await reopened.stop();
    }
  });

  it('lets a client that appended through BatchAppend be disposed after the node stopped', async () => {
    const node = await InProcessNode.start({ dataDir });
    await node.client.appendToStream(uniqueStream('dispose-after-stop'), testEvents(1));

    await node.node.stop();

    // The client keeps one BatchAppend call open per channel; dispose() waits for every open call to finish.
    const disposal = node.client.dispose().then(() => 'disposed');
    await expect(Promise.race([disposal, delay(3_000).then(() => 'dispose still pending')])).resolves.toBe('disposed');
  });
});

describe('The standalone node', () => {
  it('keeps its events across a graceful stop (SIGTERM) and start on the same folder', async () => {
    const stream = uniqueStream('standalone-graceful');
    const first = await StandaloneNode.spawn({ dataDir });
    const firstClient = EventStoreDBClient.connectionString(first.connectionString);
    const events = testEvents(5);
    await firstClient.appendToStream(stream, events);
    await firstClient.dispose();

    expect(await first.stop()).toBe(0);

    const second = await StandaloneNode.spawn({ dataDir });
    const secondClient = EventStoreDBClient.connectionString(second.connectionString);
    try {
      expect(await idsIn(secondClient, stream)).toEqual(events.map((event) => event.id));
    } finally {
      await secondClient.dispose();
      await second.stop();
    }
  });

  it('with --memory keeps nothing once stopped', async () => {
    const stream = uniqueStream('standalone-memory');
    const first = await StandaloneNode.spawn({ memory: true });
    const firstClient = EventStoreDBClient.connectionString(first.connectionString);
    await firstClient.appendToStream(stream, testEvents(1));
    await firstClient.dispose();
    await first.stop();

    const second = await StandaloneNode.spawn({ memory: true });
    const secondClient = EventStoreDBClient.connectionString(second.connectionString);
    try {
      expect(await failureOf(collect(secondClient.readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    } finally {
      await secondClient.dispose();
      await second.stop();
    }
  });
});

interface WriterLog {
  stream: string;
  /** Ids of acknowledged events, in stream order. */
  acknowledged: string[];
  /** The append sent but not acknowledged when the node died, if any. */
  inFlight: EventData[];
}

/**
 * Writers that keep appending (with exact expected revisions) until told to stop or until the node dies. Writer 0
 * appends large multi-event batches, so a kill is likely to land in the middle of writing one.
 */
function startWriters(connectionString: string, logs: WriterLog[]) {
  let stopped = false;
  const clients = logs.map(() => EventStoreDBClient.connectionString(connectionString));
  const loops = logs.map(async (log, w) => {
    let expectedRevision: AppendExpectedRevision = log.acknowledged.length === 0 ? NO_STREAM : BigInt(log.acknowledged.length - 1);
    for (let i = 0; !stopped; i++) {
      const batch: EventData[] =
        w === 0
          ? Array.from({ length: 40 }, () => binaryEvent({ type: 'Bulk', data: Buffer.alloc(2048, i % 256) }))
          : testEvents(1 + (i % 3), `Writer${w}`);
      log.inFlight = batch;
      try {
        const result: AppendResult = await clients[w].appendToStream(log.stream, batch, { expectedRevision });
        expectedRevision = result.nextExpectedRevision;
        log.acknowledged.push(...batch.map((event) => event.id));
        log.inFlight = [];
      } catch {
        return;
      }
    }
  });
  return {
    acknowledgedCount: () => logs.reduce((sum, log) => sum + log.acknowledged.length, 0),
    async halt() {
      stopped = true;
      await Promise.race([Promise.allSettled(loops), delay(10_000)]);
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

async function expectAcknowledgedEventsKept(client: EventStoreDBClient, logs: WriterLog[]): Promise<void> {
  for (const log of logs) {
    const ids = await idsIn(client, log.stream);
    expect(ids.slice(0, log.acknowledged.length)).toEqual(log.acknowledged);
    // Beyond what was acknowledged there is nothing, or the whole in-flight append (appends are all-or-nothing).
    const extra = ids.slice(log.acknowledged.length);
    expect([[], log.inFlight.map((event) => event.id)]).toContainEqual(extra);
    log.acknowledged = ids;
    log.inFlight = [];
  }
}

describe('Crash safety of the standalone node', () => {
  it('keeps every acknowledged event when killed with kill -9 while writers keep appending, twice in a row', async () => {
    const logs: WriterLog[] = [0, 1, 2, 3].map(() => ({ stream: uniqueStream('crash-writer'), acknowledged: [], inFlight: [] }));

    for (let crash = 0; crash < 2; crash++) {
      const standalone = await StandaloneNode.spawn({ dataDir });
      const writers = startWriters(standalone.connectionString, logs);
      const target = writers.acknowledgedCount() + 400;
      await waitUntil(() => writers.acknowledgedCount() >= target, 20_000, 'the writers to get appends acknowledged');

      await standalone.kill9();
      await writers.halt();

      const reader = await InProcessNode.start({ dataDir });
      try {
        await expectAcknowledgedEventsKept(reader.client, logs);
        const all = await collect(reader.client.readAll());
        for (let i = 1; i < all.length; i++) {
          expect(all[i].event!.position.commit).toBeGreaterThan(all[i - 1].event!.position.commit);
        }
      } finally {
        await reader.stop();
      }
    }

    const survivor = await StandaloneNode.spawn({ dataDir });
    const client = EventStoreDBClient.connectionString(survivor.connectionString);
    try {
      const stream = logs[1].stream;
      const result = await client.appendToStream(stream, testEvents(1), { expectedRevision: BigInt(logs[1].acknowledged.length - 1) });
      expect(result.nextExpectedRevision).toBe(BigInt(logs[1].acknowledged.length));
      expect(await allIds(client)).toEqual(expect.arrayContaining(logs.flatMap((log) => log.acknowledged)));
    } finally {
      await client.dispose();
      await survivor.stop();
    }
  });
});
