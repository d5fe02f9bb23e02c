import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { kontaktEventSchemas } from '@app/event-store';
import { EventStoreNode } from '@app/event-store-node/event-store-node';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { KONTAKT_PROJECTIONS, ProjectionEngine, comparePositions, headPosition, type EngineLogger, type LogPosition, type ProjectionState } from '@app/projections';
import { openReadModelDatabase, readCheckpoint, type ReadModelDatabase } from '@app/read-model';
import { expectProblem, TestApi } from '../support/api.harness';
import { delay, recordingLogger } from '../support/event-store-node.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';
import { appendHistory, drawHistories } from './support/paced-writer';
import { expectSameReadModels } from './support/read-model-comparison';

/**
 * The event store goes away (a node restarts, fails over, the network breaks) and comes back on the same address:
 * the projections must resubscribe on their own, from their checkpoints, and end with exactly the rows a build from
 * scratch makes — nothing lost, nothing applied twice. And the API's write path must fail clean while it is gone.
 */

const NAMES = KONTAKT_PROJECTIONS.map((definition) => definition.name);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const WAIT_MS = 30_000;

/** The node on a data folder of its own, stopped and started again on the same folder and port. */
class RestartableNode {
  private constructor(
    private readonly dataDir: string,
    private node: EventStoreNode | undefined,
    readonly port: number,
  ) {}

  static async start(dataDir: string): Promise<RestartableNode> {
    const node = await EventStoreNode.start({ host: '127.0.0.1', port: 0, dataDir, logger: quiet });
    return new RestartableNode(dataDir, node, node.port);
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Graceful, as a real node going down: subscriptions end with UNAVAILABLE, the log is flushed and closed. */
  async stop(): Promise<void> {
    await this.node?.stop();
    this.node = undefined;
  }

  async restart(): Promise<void> {
    this.node = await EventStoreNode.start({ host: '127.0.0.1', port: this.port, dataDir: this.dataDir, logger: quiet });
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

/**
 * Waits for a client to reach the node again. The first call on a channel that saw the node go away may still fail
 * with UNAVAILABLE (the gRPC channel is reconnecting); the official client then opens a fresh channel, so callers
 * retry, as an application behind a readiness check does. A read is safe to repeat where an append is not.
 */
async function reachable(client: EventStoreDBClient): Promise<void> {
  await until('the client to reach the node again', () =>
    headPosition(client).then(
      () => true,
      () => undefined,
    ),
  );
}

describe.each(readModelStores())('projections following a node that stops and starts again, on %s', (_name, makeStore) => {
  let scratch: ScratchStore;
  let dataDir: string;
  let node: RestartableNode;
  let writer: EventStoreDBClient;
  let engineClient: EventStoreDBClient;
  let store: ReadModelDatabase;
  let engine: ProjectionEngine;
  const logger = recordingLogger();
  const opened: ReadModelDatabase[] = [];

  function newEngine(client: EventStoreDBClient, target: ReadModelDatabase, engineLogger: EngineLogger = quiet): ProjectionEngine {
    return new ProjectionEngine({
      client,
      store: target,
      definitions: KONTAKT_PROJECTIONS,
      schemas: kontaktEventSchemas(),
      revealer: new PersonalDataRevealer(new PersonalDataKeyStore(target)),
      logger: engineLogger,
      // Live events wait up to 5 s for more before a batch commits (a catch-up commits at once): when the node stops
      // right after an append, the last events are delivered but not yet committed, and must come again.
      maxBatch: 10_000,
      flushDelayMs: 5_000,
      maxResubscribeDelayMs: 400,
      lease: { owner: 'reconnect-test', ttlMs: 3_000 },
    });
  }

  async function states(): Promise<ProjectionState[]> {
    return (await engine.status()).map((status) => status.state);
  }

  /** Every projection's checkpoint at `position`, and the engine saying so. */
  async function caughtUp(position: LogPosition): Promise<void> {
    await until(`the projections to reach ${position.commit}`, async () => {
      const checkpoints = await Promise.all(NAMES.map((name) => readCheckpoint(store.db, name)));
      const reached = checkpoints.every((checkpoint) => checkpoint && comparePositions(checkpoint.position, position) >= 0);
      return reached && (await states()).every((state) => state === 'live') ? true : undefined;
    });
  }

  beforeAll(async () => {
    scratch = await makeStore();
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-reconnect-es-'));
    node = await RestartableNode.start(dataDir);
    writer = EventStoreDBClient.connectionString(node.connectionString);
    engineClient = EventStoreDBClient.connectionString(node.connectionString);
    store = await openReadModelDatabase(scratch.target);
    opened.push(store);
    engine = newEngine(engineClient, store, logger);
    await engine.start();
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    for (const database of opened) await database.close();
    await writer?.dispose();
    await engineClient?.dispose();
    await node?.stop();
    await scratch?.cleanUp();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'resubscribes on its own after the node stops and comes back on the same folder and port, and applies every event once',
    async () => {
      const histories = drawHistories(7, 3, { minLength: 80, maxLength: 120 }, 'reconnect');
      let appended = 0;

      // 1. Events arrive; the node stops while the projections are still working through them.
      const firstLast = await appendHistory(writer, histories[0]);
      appended += histories[0].events.length;
      await node.stop();
      for (const name of NAMES) expect(comparePositions((await readCheckpoint(store.db, name))?.position ?? { commit: -1n, prepare: -1n }, firstLast)).toBeLessThan(0);
      const restartsWhenStopped = engine.subscriptionRestarts;
      await until('the projections to report reconnecting', async () => ((await states()).every((state) => state === 'reconnecting') ? true : undefined));
      // Nothing can be written meanwhile; the client says so instead of hanging.
      await expect(appendHistory(writer, histories[1])).rejects.toThrow(/UNAVAILABLE/);
      // Let it fail a few times: the retries back off, each one counted.
      await until('a few failed resubscriptions', async () => (engine.subscriptionRestarts >= restartsWhenStopped + 3 ? true : undefined));

      // 2. The node comes back; nothing new is appended, and the projections finish what they had.
      await node.restart();
      await caughtUp(firstLast);
      expect(logger.entries.map((entry) => entry.message)).toContain('projection subscription restored');

      // 3. The node stops again in the middle of a stream of appends, and events keep coming once it is back.
      const half = Math.floor(histories[1].events.length / 2);
      const secondHalf = { ...histories[1], events: histories[1].events.slice(half) };
      await appendHistory(writer, { ...histories[1], events: histories[1].events.slice(0, half) });
      await node.stop();
      await delay(300);
      await node.restart();
      await reachable(writer);
      await appendHistory(writer, secondHalf);
      const last = await appendHistory(writer, histories[2]);
      appended += histories[1].events.length + histories[2].events.length;
      expect(await headPosition(writer)).toEqual(last);
      await caughtUp(last);

      for (const name of NAMES) expect({ name, eventsApplied: (await readCheckpoint(store.db, name))?.eventsApplied }).toEqual({ name, eventsApplied: appended });
      const statuses = await engine.status();
      expect(statuses.map((status) => status.subscriptionRestarts)).toEqual(NAMES.map(() => engine.subscriptionRestarts));
      expect(engine.subscriptionRestarts).toBeGreaterThanOrEqual(restartsWhenStopped + 4);

      // 4. The same rows as a build from scratch.
      const fresh = await openReadModelDatabase(await scratch.another());
      opened.push(fresh);
      const builder = newEngine(writer, fresh);
      await builder.start();
      await builder.stop();
      for (const name of NAMES) expect((await readCheckpoint(fresh.db, name))?.eventsApplied).toBe(appended);
      await expectSameReadModels(store, fresh);
    },
    180_000,
  );
});

describe.each(readModelStores())('the API, while its event store is down and after it is back, on %s', (_name, makeStore) => {
  let scratch: ScratchStore;
  let dataDir: string;
  let node: RestartableNode;
  let api: TestApi;

  beforeAll(async () => {
    scratch = await makeStore();
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-reconnect-api-es-'));
    node = await RestartableNode.start(dataDir);
    const target = scratch.target;
    api = await TestApi.start({ EVENTSTORE_CONNECTION_STRING: node.connectionString, ...(target.kind === 'postgres' ? { READ_MODEL_URL: target.url } : {}) });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await node?.stop();
    await scratch?.cleanUp();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers a command 503 (nothing recorded) while the node is down, records it once the node is back, and its projections follow', async () => {
    expect((await api.post('/regions', { id: 'kazan', name: 'Kazan', kind: 'city' })).status).toBe(201);

    await node.stop();
    const refused = await api.post('/regions', { id: 'moscow', name: 'Moscow', kind: 'city' });
    expectProblem(refused, 503, 'EVENT_STORE_UNAVAILABLE');
    expect(refused.headers.get('retry-after')).toBe('1');

    await node.restart();
    // As a client told `Retry-After: 1` does: the first attempt after the node is back may still find the API's gRPC
    // channel reconnecting (503 again); retrying must record Moscow once, never twice.
    const recorded = await until('the API to record again', async () => {
      const attempt = await api.post('/regions', { id: 'moscow', name: 'Moscow', kind: 'city' });
      if (attempt.status === 503) {
        expectProblem(attempt, 503, 'EVENT_STORE_UNAVAILABLE');
        await delay(Number(attempt.headers.get('retry-after')) * 1000);
        return undefined;
      }
      return attempt;
    });
    expect(recorded.status).toBe(201);
    // The refused attempt left nothing behind: one registration of Moscow, the one answered 201.
    const moscow = (await api.allEvents()).filter((event) => event.event?.type === 'RegionRegistered' && event.event.streamId.endsWith('-moscow'));
    expect(moscow).toHaveLength(1);

    // The API's own projections resubscribed: a query waiting for the new command's position is answered.
    const timeline = await api.get(`/regions/moscow/timeline?minPosition=${recorded.body.position.commit}`);
    expect(timeline.status).toBe(200);
    await until('the API to report its projections live', async () => {
      const projections = await api.get('/projections');
      return projections.body.projections.every((projection: { state: string }) => projection.state === 'live') ? true : undefined;
    });
  }, 60_000);
});
