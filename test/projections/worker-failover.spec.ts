import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { kontaktEventSchemas } from '@app/event-store';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { KONTAKT_PROJECTIONS, ProjectionEngine, comparePositions, headPosition, type LogPosition, type ProjectionDefinition } from '@app/projections';
import { openReadModelDatabase, readCheckpoint, readLeases, type ProjectionCheckpoint, type ReadModelDatabase, type ReadModelTarget } from '@app/read-model';
import { expectProblem, TestApi } from '../support/api.harness';
import { collect, delay, recordingLogger } from '../support/event-store-node.harness';
import { ProjectorProcess, runProjector, type ProjectorEnvironment } from '../support/projector.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';
import { appendHistory, drawHistories, PacedWriter } from './support/paced-writer';
import { expectSameReadModels } from './support/read-model-comparison';

/**
 * Several projection workers on one read-model store: one active owner per projection (a lease in the store),
 * failover when the owner dies, and exactly-once effects throughout — the read models at the end equal a build from
 * scratch, checksum for checksum, and every event is applied once.
 */

const NAMES = KONTAKT_PROJECTIONS.map((definition) => definition.name);
const LEASE_TTL_MS = 1_500;
const WAIT_MS = 60_000;
/** Port 1 is privileged and unused here: an event store that refuses every connection at once. */
const NO_EVENT_STORE = 'esdb://127.0.0.1:1?tls=false';
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

function environment(connectionString: string, target: ReadModelTarget): ProjectorEnvironment {
  const common = { EVENTSTORE_CONNECTION_STRING: connectionString, LOG_LEVEL: 'info', PROJECTION_LEASE_TTL_MS: String(LEASE_TTL_MS) };
  return target.kind === 'sqlite' ? { ...common, DATA_DIR: dirname(target.file) } : { ...common, READ_MODEL_URL: target.url, DATA_DIR: tmpdir() };
}

/** Polls `probe` until it answers; on a timeout, the error says what was awaited and what `explain` adds (logs). */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, explain: () => string = () => '', timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${explain()}`);
    await delay(25);
  }
}

/** The owner id a worker (or engine) announced at start, and which projections it took then. */
async function announced(worker: ProjectorProcess): Promise<{ owner: string; held: string[] }> {
  const line = await worker.waitForLog((entry) => entry.msg === 'projection leases', WAIT_MS);
  return { owner: String(line.owner), held: line.held as string[] };
}

async function ownersOf(store: ReadModelDatabase): Promise<Record<string, string | null>> {
  const leases = await readLeases(store);
  return Object.fromEntries(NAMES.map((name) => [name, leases.find((lease) => lease.projection === name && lease.held)?.owner ?? null]));
}

const everyProjection = (owner: string) => Object.fromEntries(NAMES.map((name) => [name, owner]));

async function checkpointsOf(store: ReadModelDatabase): Promise<(ProjectionCheckpoint | undefined)[]> {
  return Promise.all(NAMES.map((name) => readCheckpoint(store.db, name)));
}

async function caughtUp(store: ReadModelDatabase, position: LogPosition, alive: () => boolean, what: string): Promise<void> {
  await until(`${what} to reach ${position.commit}`, async () => {
    if (!alive()) throw new Error(`${what} exited while catching up`);
    const checkpoints = await checkpointsOf(store);
    return checkpoints.every((checkpoint) => checkpoint && comparePositions(checkpoint.position, position) >= 0) ? true : undefined;
  });
}

/** The definition, but the first batch applied after `stall.armed` is set blocks the whole process for `stall.ms`. */
function stallingOnce(definition: ProjectionDefinition, stall: { armed: boolean; ms: number }): ProjectionDefinition {
  return {
    name: definition.name,
    schemaVersion: definition.schemaVersion,
    create: () => {
      const inner = definition.create();
      return {
        name: inner.name,
        schemaVersion: inner.schemaVersion,
        tables: inner.tables,
        createTables: (db, suffix, kind) => inner.createTables(db, suffix, kind),
        createQueryIndexes: (db, suffix, kind) => inner.createQueryIndexes(db, suffix, kind),
        load: (db) => inner.load(db),
        reset: () => inner.reset(),
        apply: (events, trx, kind) => {
          if (stall.armed) {
            stall.armed = false;
            // Blocks the thread, timers and all, as a long GC pause, SIGSTOP or a frozen VM would: the lease cannot
            // be renewed meanwhile, and this batch's transaction is open.
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stall.ms);
          }
          return inner.apply(events, trx, kind);
        },
      };
    },
  };
}

describe.each(readModelStores())('projection workers sharing one store, on %s', (_name, makeStore) => {
  let scratch: ScratchStore;
  let eventStoreDir: string;
  let node: EmbeddedEventStore;
  let client: EventStoreDBClient;
  const opened: ReadModelDatabase[] = [];
  const workers: ProjectorProcess[] = [];

  beforeAll(async () => {
    scratch = await makeStore();
    eventStoreDir = await mkdtemp(join(tmpdir(), 'kontakt-failover-es-'));
    node = await startEmbeddedEventStore({ dataDir: eventStoreDir, port: 0, logger: quiet });
    client = EventStoreDBClient.connectionString(node.connectionString);
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.running) await worker.kill9();
    for (const store of opened) await store.close();
    await client?.dispose();
    await node?.stop();
    await scratch?.cleanUp();
    if (eventStoreDir) await rm(eventStoreDir, { recursive: true, force: true });
  }, 60_000);

  async function open(target: ReadModelTarget): Promise<ReadModelDatabase> {
    const store = await openReadModelDatabase(target);
    opened.push(store);
    return store;
  }

  function spawnWorker(target: ReadModelTarget, connectionString = node.connectionString): ProjectorProcess {
    const worker = ProjectorProcess.spawn(['run'], environment(connectionString, target));
    workers.push(worker);
    return worker;
  }

  /** A from-scratch build of everything in the log, by `npm run projections -- rebuild all` into a store of its own. */
  async function rebuiltFromScratch(): Promise<ReadModelDatabase> {
    const target = await scratch.another();
    const rebuilt = await runProjector(['rebuild', 'all'], environment(node.connectionString, target), 180_000);
    expect(rebuilt).toMatchObject({ code: 0, signal: null });
    return open(target);
  }

  it(
    'runs each projection in one of two workers, fails over when it is killed mid-stream, and ends with the rows of a rebuild',
    async () => {
      const live = await open(scratch.target);
      const first = spawnWorker(scratch.target);
      const a = await announced(first);
      await first.waitForLog((line) => line.msg === 'projections running', WAIT_MS);
      const second = spawnWorker(scratch.target);
      const b = await announced(second);
      await second.waitForLog((line) => line.msg === 'projections running', WAIT_MS);
      // The first one took every projection; the second stands by.
      expect({ a: a.held, b: b.held }).toEqual({ a: NAMES, b: [] });
      expect(await ownersOf(live)).toEqual(everyProjection(a.owner));
      const tokensOfA = (await readLeases(live)).map((lease) => lease.token);

      const writer = new PacedWriter(client, drawHistories(11, 12, { minLength: 120, maxLength: 180 }, 'failover'), 200, 3);
      const writing = writer.run();
      writing.catch(() => undefined);
      try {
        // Events arrive and the owner applies them; then it dies between two heartbeats, mid-stream.
        await until('the owner to apply some events', async () => ((await readCheckpoint(live.db, NAMES[0]))?.eventsApplied ?? 0) >= 150 || undefined);
        await delay(137);
        const killedAtMs = Date.now();
        expect(await first.kill9()).toEqual({ code: null, signal: 'SIGKILL' });

        await until(
          'the standby to hold every lease',
          async () => (JSON.stringify(await ownersOf(live)) === JSON.stringify(everyProjection(b.owner)) ? true : undefined),
          () => `standby's log:\n${second.stderr}`,
        );
        for (const name of NAMES) await second.waitForLog((line) => line.msg === 'took over projection' && line.projection === name, WAIT_MS);
        const failoverMs = Date.now() - killedAtMs;
        // Every takeover is a new fencing token: whatever the dead owner had in flight can no longer commit.
        expect((await readLeases(live)).map((lease) => lease.token)).toEqual(tokensOfA.map((token) => token + 1));

        // The status command names the new owner; a rebuild elsewhere is refused, naming it too.
        const status = await runProjector(['status', '--json'], environment(node.connectionString, scratch.target));
        expect(JSON.parse(status.stdout).projections.map((report: { owner: string | null }) => report.owner)).toEqual(NAMES.map(() => b.owner));
        const refused = await runProjector(['rebuild', 'timeline'], environment(node.connectionString, scratch.target));
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('rebuild refused');
        expect(refused.stderr).toContain(`projection timeline is run by ${b.owner}`);

        // A new worker joins as the standby; the writer stops; the owner catches up.
        const third = spawnWorker(scratch.target);
        expect((await announced(third)).held).toEqual([]);
        await delay(500);
        writer.stop();
        const written = await writing;
        expect(await headPosition(client)).toEqual(written.last);
        await caughtUp(live, written.last, () => second.running, 'the second worker');

        // An API with PROJECTIONS=on beside the workers takes the same leases: it stands by, and will not rebuild.
        // (Started only now the writer is done: closing a client of @eventstore/db-client 6 fails the appends in
        // flight of every other client in the process, and this one closes with the API.)
        const api = await TestApi.start(
          { EVENTSTORE_CONNECTION_STRING: node.connectionString, PROJECTION_LEASE_TTL_MS: String(LEASE_TTL_MS), ...(scratch.target.kind === 'postgres' ? { READ_MODEL_URL: scratch.target.url } : {}) },
          scratch.target.kind === 'sqlite' ? { dataDir: dirname(scratch.target.file) } : {},
        );
        try {
          const projections = await api.get('/projections');
          expect(projections.body.projections.map(({ state, lease }: { state: string; lease: { owner: string } }) => ({ state, owner: lease.owner }))).toEqual(NAMES.map(() => ({ state: 'standby', owner: b.owner })));
          const rebuild = await api.post('/projections/timeline/rebuild');
          expectProblem(rebuild, 409, 'PROJECTION_OWNED_ELSEWHERE', 'name');
          expect(rebuild.body.detail).toContain(`projection timeline is run by ${b.owner}`);
        } finally {
          await api.stop({ keepData: true });
        }

        // A graceful stop hands over at once (no waiting out the lease): the third takes every projection, and
        // applies what comes next.
        const stoppedAtMs = Date.now();
        expect(await second.stop()).toEqual({ code: 0, signal: null });
        expect(second.logLines().filter((line) => line.msg === 'projection lease released').map((line) => line.projection).sort()).toEqual([...NAMES].sort());
        for (const name of NAMES) await third.waitForLog((line) => line.msg === 'took over projection' && line.projection === name, WAIT_MS);
        const handoverMs = Date.now() - stoppedAtMs;
        const extra = drawHistories(12, 1, { minLength: 30, maxLength: 40 }, 'handover')[0];
        const last = await appendHistory(client, extra);
        await caughtUp(live, last, () => third.running, 'the third worker');
        expect(await third.stop()).toEqual({ code: 0, signal: null });

        // Besides ours, the log holds what the API appended at its first start: the first admin token.
        const events = written.events + extra.events.length + (await collect(client.readStream('access-tokens'))).length;
        for (const name of NAMES) expect({ name, eventsApplied: (await readCheckpoint(live.db, name))?.eventsApplied }).toEqual({ name, eventsApplied: events });
        const fresh = await rebuiltFromScratch();
        for (const name of NAMES) expect((await readCheckpoint(fresh.db, name))?.eventsApplied).toBe(events);
        await expectSameReadModels(live, fresh);
        console.log(
          `worker failover on ${scratch.name}: ${events} events; after kill -9 the standby held every lease ${failoverMs} ms later ` +
            `(lease TTL ${LEASE_TTL_MS} ms, renewed every ${Math.floor(LEASE_TTL_MS / 3)} ms); after a graceful stop ${handoverMs} ms later; checksums equal a rebuild`,
        );
      } finally {
        writer.stop();
        await writing.catch(() => undefined);
      }
    },
    300_000,
  );

  it(
    'refuses the commit of an owner stalled past its lease once another process has taken it over, and loses nothing',
    async () => {
      const target = await scratch.another();
      const store = await open(target);
      const stall = { armed: false, ms: LEASE_TTL_MS * 2 };
      const logger = recordingLogger();
      const engine = new ProjectionEngine({
        client,
        store,
        definitions: KONTAKT_PROJECTIONS.map((definition, index) => (index === 0 ? stallingOnce(definition, stall) : definition)),
        schemas: kontaktEventSchemas(),
        revealer: new PersonalDataRevealer(new PersonalDataKeyStore(store)),
        logger,
        flushDelayMs: 1,
        lease: { owner: 'stalling-engine', ttlMs: LEASE_TTL_MS },
      });
      try {
        await engine.start();
        expect(engine.ownedProjections()).toEqual(NAMES);
        // The standby takes leases but cannot read the log: whatever it holds, it writes no rows.
        const standby = spawnWorker(target, NO_EVENT_STORE);
        expect((await announced(standby)).held).toEqual([]);
        const before = await checkpointsOf(store);

        stall.armed = true;
        const zombie = drawHistories(13, 1, { minLength: 30, maxLength: 40 }, 'zombie')[0];
        const last = await appendHistory(client, zombie);
        await until(
          'the stalled batch to be refused at its commit',
          () => logger.entries.find((entry) => entry.message.startsWith('batch refused at its commit')),
          () => `engine's log:\n${logger.entries.map((entry) => JSON.stringify(entry)).join('\n')}\nstandby's log:\n${standby.stderr}`,
        );
        expect(await ownersOf(store)).toEqual(everyProjection((await announced(standby)).owner));
        expect(engine.ownedProjections()).toEqual([]);
        // Nothing of the stalled batch, nor of anything after it, was committed.
        expect(await checkpointsOf(store)).toEqual(before);

        // The standby stops; the engine takes its projections back and applies what it had been refused.
        expect(await standby.stop()).toEqual({ code: 0, signal: null });
        await until('the engine to hold every projection again', () => (engine.ownedProjections().length === NAMES.length ? true : undefined));
        await caughtUp(store, last, () => true, 'the engine');
      } finally {
        await engine.stop();
      }
      const fresh = await rebuiltFromScratch();
      for (const name of NAMES) expect((await readCheckpoint(store.db, name))?.eventsApplied).toBe((await readCheckpoint(fresh.db, name))?.eventsApplied);
      await expectSameReadModels(store, fresh);
    },
    300_000,
  );
});
