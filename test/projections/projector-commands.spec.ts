import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventStoreDBClient, jsonEvent, type JSONType } from '@eventstore/db-client';
import fc from 'fast-check';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { KONTAKT_PROJECTIONS, comparePositions, readModelChecksum, type LogPosition, type ProjectionDb } from '@app/projections';
import { openReadModelDatabase, readCheckpoint, type ReadModelDatabase, type ReadModelTarget } from '@app/read-model';
import { delay } from '../support/event-store-node.harness';
import { ProjectorProcess, runProjector, type ProjectorEnvironment } from '../support/projector.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';
import { historyScripts, writeHistory, type KontaktHistory } from './support/history.arbitrary';

/** `npm run projections -- rebuild | status | run` as an operator uses them, against a real node and store. */

const NAMES = KONTAKT_PROJECTIONS.map((definition) => definition.name);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

interface StatusJson {
  head: { commit: string; prepare: string } | null;
  projections: { name: string; state: string; generation: number; eventsApplied: number; lag: { events: number }; checkpoint: { commit: string } | null }[];
}

describe.each(readModelStores())('the projector commands, on %s', (_name, makeStore) => {
  let scratch: ScratchStore;
  /** Laid out as the API's data folder: the embedded node's log in `<dataDir>/event-store`. */
  let dataDir: string;
  let node: EmbeddedEventStore;
  let client: EventStoreDBClient;
  let store: ReadModelDatabase;
  let env: ProjectorEnvironment;
  const histories = fc.sample(historyScripts({ minLength: 40, maxLength: 60 }), { seed: 4, numRuns: 2 }).map((script, index) => writeHistory(script, `cli${index}`, Date.UTC(2024, 0, 1 + index)));
  let appended = 0;

  beforeAll(async () => {
    scratch = await makeStore();
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-projector-data-'));
    node = await startEmbeddedEventStore({ dataDir: join(dataDir, 'event-store'), port: 0, logger: quiet });
    client = EventStoreDBClient.connectionString(node.connectionString);
    store = await openReadModelDatabase(scratch.target);
    env = environment(node.connectionString, scratch.target);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await client?.dispose();
    await node?.stop();
    await scratch?.cleanUp();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function append(history: KontaktHistory): Promise<LogPosition> {
    let last: LogPosition | undefined;
    for (const event of history.events) {
      last = (await client.appendToStream(event.streamId, jsonEvent({ type: event.type, data: event.data as JSONType, metadata: event.metadata as unknown as JSONType }))).position;
    }
    appended += history.events.length;
    return last!;
  }

  async function status(): Promise<StatusJson> {
    const result = await runProjector(['status', '--json'], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    return JSON.parse(result.stdout) as StatusJson;
  }

  it('rebuilds every projection, showing progress and a summary line for each', async () => {
    await append(histories[0]);
    const result = await runProjector(['rebuild', 'all'], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    const count = appended.toLocaleString('en-US');
    expect(result.stdout.split('\n').filter((line) => line.includes(' rebuilt: '))).toEqual(NAMES.map((name) => expect.stringMatching(new RegExp(`^${name} rebuilt: ${count} events in \\d+\\.\\d s \\([\\d,]+ events/s\\)$`))));
    // stderr is no terminal here: progress comes as whole lines, the last of each at 100%.
    for (const name of NAMES) expect(result.stderr).toMatch(new RegExp(`^${name} \\[##########\\] 100% ${count} events [\\d,]+ ev/s swapping$`, 'm'));
  }, 120_000);

  it('reports every projection up to date, with its checkpoint at the head of the log', async () => {
    const report = await status();
    expect(report.head).not.toBeNull();
    for (const name of NAMES) {
      expect(report.projections.find((projection) => projection.name === name)).toMatchObject({
        state: 'up-to-date',
        generation: 1,
        eventsApplied: appended,
        lag: { events: 0 },
        checkpoint: { commit: report.head!.commit },
      });
    }
  }, 60_000);

  it('reports the lag once events arrive, as a table', async () => {
    await append(histories[1]);
    const result = await runProjector(['status'], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^PROJECTION\s+STATE\s+CHECKPOINT\s+EVENTS APPLIED\s+LAG EVENTS\s+LAG SECONDS\s+OWNER\s+LAST ERROR$/);
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2))).toEqual(NAMES.map((name) => [name, 'behind']));
    expect(rows.map((row) => row.split(/\s+/)[4])).toEqual(NAMES.map(() => histories[1].events.length.toLocaleString('en-US')));
  }, 60_000);

  it('rebuilds a projection that is already built, as the next generation, to the rows live processing makes', async () => {
    const [rebuilt, ...others] = NAMES;
    const result = await runProjector(['rebuild', rebuilt], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    const report = await status();
    expect(report.projections.map(({ name, state, generation }) => ({ name, state, generation }))).toEqual([
      { name: rebuilt, state: 'up-to-date', generation: 2 },
      ...others.map((name) => ({ name, state: 'behind', generation: 1 })),
    ]);
    const afterRebuild = await readModelChecksum(store.db as unknown as ProjectionDb, KONTAKT_PROJECTIONS[0].create());

    // The others catch up live; then the rebuilt one is rebuilt again and must not change.
    const projector = ProjectorProcess.spawn(['run'], { ...env, LOG_LEVEL: 'info' });
    try {
      await projector.waitForLog((line) => line.msg === 'projections running', 60_000);
      const head = (await status()).head!;
      await caughtUp(store, BigInt(head.commit), projector);
      expect(await projector.stop()).toEqual({ code: 0, signal: null });
      expect(projector.logLines().map((line) => line.msg)).toContain('projections stopped');
    } finally {
      if (projector.running) await projector.kill9();
    }
    expect((await status()).projections.map(({ state }) => state)).toEqual(NAMES.map(() => 'up-to-date'));
    expect(await readModelChecksum(store.db as unknown as ProjectionDb, KONTAKT_PROJECTIONS[0].create())).toBe(afterRebuild);
  }, 120_000);

  it('refuses an unknown projection with exit code 2, naming it', async () => {
    const result = await runProjector(['rebuild', 'timelines'], env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain("error: unknown projection 'timelines': expected");
  }, 60_000);

  it('refuses a bad configuration with exit code 2, naming the variable', async () => {
    const result = await runProjector(['status'], { ...env, READ_MODEL_URL: 'mysql://db/kontakt' });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain('Invalid configuration: READ_MODEL_URL must start with postgres:// or postgresql://');
  }, 60_000);

  it('says to stop the API, or to point at its event store, when the embedded one is in use', async () => {
    // This test process runs the embedded node on <dataDir>/event-store, as a running API would.
    const result = await runProjector(['status'], { DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    const [line] = result.stderr.split('\n').filter((text) => text.startsWith('{')).map((text) => JSON.parse(text) as { error: string });
    expect(line.error).toContain(`the embedded event store in ${join(dataDir, 'event-store')} is in use by process ${process.pid}`);
    expect(line.error).toMatch(/stop it, or set EVENTSTORE_CONNECTION_STRING to the event store it serves/);
  }, 60_000);
});

function environment(connectionString: string, target: ReadModelTarget): ProjectorEnvironment {
  return target.kind === 'sqlite'
    ? { EVENTSTORE_CONNECTION_STRING: connectionString, DATA_DIR: dirname(target.file), LOG_LEVEL: 'warn' }
    : { EVENTSTORE_CONNECTION_STRING: connectionString, READ_MODEL_URL: target.url, DATA_DIR: tmpdir(), LOG_LEVEL: 'warn' };
}

async function caughtUp(store: ReadModelDatabase, commit: bigint, projector: ProjectorProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoints = await Promise.all(NAMES.map((name) => readCheckpoint(store.db, name)));
    if (checkpoints.every((checkpoint) => checkpoint && comparePositions(checkpoint.position, { commit, prepare: commit }) >= 0)) return;
    if (!projector.running || Date.now() > deadline) throw new Error(`projections did not catch up to ${commit}; stderr:\n${projector.stderr}`);
    await delay(100);
  }
}
