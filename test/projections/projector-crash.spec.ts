import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { KONTAKT_PROJECTIONS, comparePositions, headPosition, type LogPosition } from '@app/projections';
import { openReadModelDatabase, readCheckpoint, type ReadModelDatabase, type ReadModelTarget } from '@app/read-model';
import { delay } from '../support/event-store-node.harness';
import { ProjectorProcess, runProjector, type ProjectorEnvironment } from '../support/projector.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';
import { drawHistories, PacedWriter } from './support/paced-writer';
import { expectSameReadModels } from './support/read-model-comparison';

/**
 * The projection worker must survive kill -9 at any moment: mid-batch, mid-build, mid-swap, while starting. Rows and
 * checkpoint go in one transaction, so after any number of kills and restarts the projections, once caught up, must
 * hold exactly the rows a build from scratch makes: the same checksum, table by table, and every event applied once.
 *
 * A writer appends Kontakt histories (registrations, cooperations with facts, stage changes, corrections,
 * retractions; every command through the domain's deciders) at a steady pace while the test kills the projector at
 * random moments and starts it again. Whether a kill landed with a write transaction open is read from the store just
 * before the kill: SQLite's write lock, PostgreSQL's pg_stat_activity.
 */

const SEED = process.env.CRASH_TEST_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.CRASH_TEST_SEED);
const MIN_KILLS = 20;
/** Histories appended side by side (each in order: references before the facts that use them). */
const WRITER_LANES = 4;
/** More than the kills take to write at WRITE_RATE: the writer stops after the last kill, mid-history (a valid prefix). */
const HISTORIES = 40;
const STEPS_PER_HISTORY = { minLength: 300, maxLength: 450 };
/** Appends per second: the kills must land while events arrive, and the catch-up at the end stay short. */
const WRITE_RATE = 250;
/**
 * How kills are timed: some during start-up (loading, migrating, the first build, its swap), some at a random moment
 * once the worker runs, and some at the first moment after a random delay that a batch is being written.
 */
const KILL_MODES = [
  { mode: 'startup', share: 0.2, delayMs: [100, 2_500] },
  { mode: 'running', share: 0.4, delayMs: [0, 900] },
  { mode: 'mid-write', share: 0.4, delayMs: [0, 400] },
] as const;
/** A mid-write kill waits this long at most for a batch to be written; after that it kills anyway. */
const MID_WRITE_WAIT_MS = 3_000;
const READY_TIMEOUT_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 300_000;
const PROJECTOR_NAME = 'kontakt-projector';
/**
 * A worker killed with -9 keeps its projections' leases until they expire: the next one waits that long before it
 * takes over. Short here, so that twenty restarts do not wait out the default 15 s each.
 */
const LEASE_TTL_MS = 1_000;
const PROJECTION_NAMES = KONTAKT_PROJECTIONS.map((definition) => definition.name);

interface Kill {
  mode: (typeof KILL_MODES)[number]['mode'];
  delayMs: number;
  /** The worker had logged that it runs when it was killed. */
  afterReady: boolean;
  /** A write transaction of the worker was open the moment before the kill. */
  batchInFlight: boolean;
}

describe.each(readModelStores())('the projector, killed at random, on %s', (_name, makeStore) => {
  let scratch: ScratchStore;
  let eventStoreDir: string;
  let node: EmbeddedEventStore;
  let client: EventStoreDBClient;
  const opened: ReadModelDatabase[] = [];
  let projector: ProjectorProcess | undefined;

  beforeAll(async () => {
    scratch = await makeStore();
    eventStoreDir = await mkdtemp(join(tmpdir(), 'kontakt-crash-es-'));
    node = await startEmbeddedEventStore({ dataDir: eventStoreDir, port: 0, logger: { info: () => undefined, warn: () => undefined, error: console.error } });
    client = EventStoreDBClient.connectionString(node.connectionString);
  }, 60_000);

  afterAll(async () => {
    if (projector?.running) await projector.kill9();
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

  it(
    `ends with the rows a build from scratch makes, after at least ${MIN_KILLS} kill -9s while events arrive`,
    async () => {
      console.log(`projector crash test seed ${SEED} (rerun with CRASH_TEST_SEED=${SEED})`);
      const random = seededRandom(SEED);
      const startedMs = Date.now();
      // Migrated before the first worker starts, and kept open to read checkpoints.
      const live = await open(scratch.target);
      const env = projectorEnvironment(node.connectionString, scratch.target);
      const probe = await writeTransactionProbe(scratch.target);

      const writer = new PacedWriter(client, drawHistories(SEED, HISTORIES, STEPS_PER_HISTORY, 'crash'), WRITE_RATE, WRITER_LANES);
      const writing = writer.run();
      // Awaited after the kills; a failed append must not surface as an unhandled rejection meanwhile.
      writing.catch(() => undefined);
      const kills: Kill[] = [];
      try {
        projector = ProjectorProcess.spawn(['run'], env);
        while (kills.length < MIN_KILLS) {
          const { mode, delayMs: [low, high] } = drawKillMode(random());
          const delayMs = Math.round(low + random() * (high - low));
          if (mode !== 'startup') await projector.waitForLog((line) => line.msg === 'projections running', READY_TIMEOUT_MS);
          await delay(delayMs);
          if (mode === 'mid-write') await until(() => probe.writing(), MID_WRITE_WAIT_MS);
          const afterReady = projector.logLines().some((line) => line.msg === 'projections running');
          const batchInFlight = await probe.writing();
          const exit = await projector.kill9();
          // A worker that died on its own (not by our signal) is a failure, whatever its checksums say later.
          expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
          kills.push({ mode, delayMs, afterReady, batchInFlight });
          projector = ProjectorProcess.spawn(['run'], env);
        }
        writer.stop();
        const written = await writing;
        const head = await headPosition(client);
        expect(head).toEqual(written.last);

        await caughtUp(live, written.last, projector);
        expect(await projector.stop()).toEqual({ code: 0, signal: null });
        const caughtUpMs = Date.now();

        for (const name of PROJECTION_NAMES) expect((await readCheckpoint(live.db, name))?.eventsApplied).toBe(written.events);
        const leftovers = (await live.db.introspection.getTables()).map((table) => table.name).filter((table) => table.endsWith('__rebuild'));
        expect(leftovers).toEqual([]);

        const freshTarget = await scratch.another();
        const rebuilt = await runProjector(['rebuild', 'all'], projectorEnvironment(node.connectionString, freshTarget), 120_000);
        expect(rebuilt).toMatchObject({ code: 0, signal: null });
        expect(rebuilt.stdout).toContain(`${PROJECTION_NAMES[0]} rebuilt: ${written.events.toLocaleString('en-US')} events`);
        const fresh = await open(freshTarget);
        for (const name of PROJECTION_NAMES) expect((await readCheckpoint(fresh.db, name))?.eventsApplied).toBe(written.events);
        await expectSameReadModels(live, fresh);

        const inFlight = kills.filter((kill) => kill.batchInFlight).length;
        const randomInFlight = kills.filter((kill) => kill.batchInFlight && kill.mode !== 'mid-write').length;
        console.log(
          [
            `projector crash test on ${scratch.name}, seed ${SEED}: ${kills.length} kills, ${inFlight} with a write transaction in flight`,
            `(${randomInFlight} of them at a purely random moment),`,
            `${kills.filter((kill) => !kill.afterReady).length} during start-up; ${written.events} events appended;`,
            `killing and catching up ${((caughtUpMs - startedMs) / 1000).toFixed(1)} s, in all ${((Date.now() - startedMs) / 1000).toFixed(1)} s;`,
            `checksums equal for ${PROJECTION_NAMES.join(', ')}`,
          ].join(' '),
        );
        // Kills must really land mid-batch; with events arriving all the time most of them do.
        expect(inFlight).toBeGreaterThan(0);
      } finally {
        writer.stop();
        await writing.catch(() => undefined);
        await probe.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});

function drawKillMode(draw: number): (typeof KILL_MODES)[number] {
  let share = 0;
  for (const killMode of KILL_MODES) {
    share += killMode.share;
    if (draw < share) return killMode;
  }
  return KILL_MODES[KILL_MODES.length - 1];
}

/** Polls `condition` every few milliseconds until it holds or `timeoutMs` passed; whether it held. */
async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await delay(3);
  }
  return false;
}

/** mulberry32: kill moments that a seed reproduces (as far as the machine's timing lets them). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function projectorEnvironment(connectionString: string, target: ReadModelTarget): ProjectorEnvironment {
  // The SQLite read model is the default one under DATA_DIR; PostgreSQL's connections are named for the probe.
  const lease = { PROJECTION_LEASE_TTL_MS: String(LEASE_TTL_MS) };
  return target.kind === 'sqlite'
    ? { EVENTSTORE_CONNECTION_STRING: connectionString, DATA_DIR: dirname(target.file), LOG_LEVEL: 'info', ...lease }
    : { EVENTSTORE_CONNECTION_STRING: connectionString, READ_MODEL_URL: withApplicationName(target.url), DATA_DIR: tmpdir(), LOG_LEVEL: 'info', ...lease };
}

function withApplicationName(url: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', PROJECTOR_NAME);
  return named.toString();
}

/** Tells whether the worker has a write transaction open in the store, as close to the kill as a query can. */
interface WriteTransactionProbe {
  writing(): Promise<boolean>;
  close(): Promise<void>;
}

async function writeTransactionProbe(target: ReadModelTarget): Promise<WriteTransactionProbe> {
  if (target.kind === 'sqlite') {
    // Only one writer at a time: BEGIN IMMEDIATE fails at once (no busy timeout) while the worker writes a batch.
    const database = new Database(target.file, { timeout: 0 });
    return {
      async writing() {
        try {
          database.exec('BEGIN IMMEDIATE');
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
          throw error;
        }
        database.exec('ROLLBACK');
        return false;
      },
      async close() {
        database.close();
      },
    };
  }
  const probe = new Client({ connectionString: target.url });
  await probe.connect();
  return {
    async writing() {
      // backend_xid is set once a transaction has written something.
      const result = await probe.query<{ writing: number }>(
        'SELECT count(*)::int AS writing FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND backend_xid IS NOT NULL',
        [PROJECTOR_NAME],
      );
      return result.rows[0].writing > 0;
    },
    close: () => probe.end(),
  };
}

/** Waits until every projection's checkpoint is at `position`; fails early if the worker dies. */
async function caughtUp(store: ReadModelDatabase, position: LogPosition, projector: ProjectorProcess): Promise<void> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  for (;;) {
    const checkpoints = await Promise.all(PROJECTION_NAMES.map((name) => readCheckpoint(store.db, name)));
    if (checkpoints.every((checkpoint) => checkpoint !== undefined && comparePositions(checkpoint.position, position) >= 0)) return;
    if (!projector.running) throw new Error(`the projector exited while catching up; stderr:\n${projector.stderr}`);
    if (Date.now() > deadline) {
      const at = checkpoints.map((checkpoint, index) => `${PROJECTION_NAMES[index]} at ${checkpoint?.position.commit ?? 'none'}`).join(', ');
      throw new Error(`projections did not reach ${position.commit} within ${CATCH_UP_TIMEOUT_MS} ms (${at}); stderr:\n${projector.stderr}`);
    }
    await delay(200);
  }
}
