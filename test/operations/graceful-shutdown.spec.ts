import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, START } from '@eventstore/db-client';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { checksumsByTable, KONTAKT_PROJECTIONS, type ProjectionDb } from '@app/projections';
import { openReadModelDatabase, readCheckpoint, readModelTargetFrom, type ReadModelDatabase, type ReadModelTarget } from '@app/read-model';
import { ApiProcess } from '../support/api-process.harness';
import { runProjector } from '../support/projector.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

/**
 * SIGTERM to a real API process while a burst of commands is in flight. Every request must end in one of three
 * ways: 201 with its event in the log, 503 SHUTTING_DOWN, or a refused connection; never a 2xx whose event is
 * missing, never a 5xx. The process exits 0, the projections have committed their checkpoints, and the next start on
 * the same data folder resumes from them: every event applied exactly once, the read models equal to a rebuild.
 */

/** Commands sent at once; SIGTERM goes out when the first few are answered, with the rest still in flight. */
const BURST = 300;
const ANSWERED_BEFORE_SIGNAL = 10;
const PROJECTIONS = KONTAKT_PROJECTIONS.map((definition) => definition.name);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

type Outcome =
  | { kind: 'answered'; id: string; status: number; code?: string; eventIds?: string[]; afterSignal: boolean }
  | { kind: 'no connection'; id: string; error: string; afterSignal: boolean };

describe.each(readModelStores())('SIGTERM to the API during a burst of commands, read models on %s', (_store, makeStore) => {
  let scratch: ScratchStore;
  let dataDir: string;
  let env: Record<string, string>;
  const started: ApiProcess[] = [];
  const opened: { close(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    scratch = await makeStore();
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-shutdown-'));
    env = scratch.target.kind === 'postgres' ? { READ_MODEL_URL: scratch.target.url } : {};
  }, 30_000);

  afterAll(async () => {
    for (const api of started) if (api.running) await api.kill9();
    for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
    await scratch?.cleanUp();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  function startApi(): ApiProcess {
    const api = ApiProcess.spawn(dataDir, env);
    started.push(api);
    return api;
  }

  async function openNode(): Promise<{ node: EmbeddedEventStore; client: EventStoreDBClient }> {
    const node = await startEmbeddedEventStore({ dataDir: join(dataDir, 'event-store'), port: 0, logger: quiet });
    const client = EventStoreDBClient.connectionString(node.connectionString);
    const handle = { node, client, close: async () => (await client.dispose(), await node.stop()) };
    opened.push(handle);
    return handle;
  }

  async function openStore(target: ReadModelTarget): Promise<ReadModelDatabase> {
    const store = await openReadModelDatabase(target);
    opened.push(store);
    return store;
  }

  it(
    'answers every command with 201 (its event in the log), 503 or a refused connection, exits 0, and resumes from the checkpoints',
    async () => {
      const first = startApi();
      const { url, adminToken } = await first.listening();
      await until(async () => (await fetch(`${url}/health/ready`)).status === 200, 60_000);

      let signalled = false;
      const send = async (id: string): Promise<Outcome> => {
        try {
          const response = await fetch(`${url}/regions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ id, name: `Region ${id}`, kind: 'city' }),
          });
          const body = (await response.json()) as { code?: string; eventIds?: string[] };
          return { kind: 'answered', id, status: response.status, code: body.code, eventIds: body.eventIds, afterSignal: signalled };
        } catch (error) {
          return { kind: 'no connection', id, error: String((error as Error).cause ?? error), afterSignal: signalled };
        }
      };

      let answered = 0;
      const burst = Array.from({ length: BURST }, (_unused, index) =>
        send(`burst-${index}`).then((outcome) => {
          answered += 1;
          return outcome;
        }),
      );
      await until(async () => answered >= ANSWERED_BEFORE_SIGNAL, 60_000);
      first.signal('SIGTERM');
      signalled = true;
      // Requests keep coming after the signal, one after another, until the process is gone.
      const late: Outcome[] = [];
      for (let index = 0; first.running && index < 5_000; index += 1) late.push(await send(`late-${index}`));
      const outcomes = [...(await Promise.all(burst)), ...late];
      const exit = await first.exited;

      // stderr only shown when the exit is wrong: it explains why.
      expect({ exit, stderr: exit.code === 0 ? '' : first.stderr }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
      const kinds = outcomes.map((outcome) =>
        outcome.kind === 'no connection' ? 'no connection' : outcome.status === 201 ? '201' : outcome.status === 503 && outcome.code === 'SHUTTING_DOWN' ? '503 SHUTTING_DOWN' : `unexpected ${outcome.status} ${outcome.code}`,
      );
      expect(kinds.filter((kind) => kind.startsWith('unexpected'))).toEqual([]);
      // The shutdown began with commands in flight, and they were answered after the signal.
      const shuttingDown = first.logLines().find((line) => line.msg === 'shutting down: refusing new requests, finishing those in flight');
      expect(shuttingDown).toMatchObject({ requestsInFlight: expect.any(Number) });
      expect(shuttingDown!.requestsInFlight).toBeGreaterThan(0);
      const accepted = outcomes.filter((outcome) => outcome.kind === 'answered' && outcome.status === 201) as Extract<Outcome, { kind: 'answered' }>[];
      expect(accepted.filter((outcome) => outcome.afterSignal).length).toBeGreaterThan(0);
      expect(outcomes.filter((outcome) => outcome.afterSignal && outcome.kind !== 'answered').length + kinds.filter((kind) => kind === '503 SHUTTING_DOWN').length).toBeGreaterThan(0);

      console.log(
        `SIGTERM with ${String(shuttingDown!.requestsInFlight)} requests in flight: ${accepted.length} × 201 (${accepted.filter((outcome) => outcome.afterSignal).length} answered after the signal), ` +
          `${kinds.filter((kind) => kind === '503 SHUTTING_DOWN').length} × 503 SHUTTING_DOWN, ${kinds.filter((kind) => kind === 'no connection').length} refused connections`,
      );
      // Every 201 has its event in the log, and every event of the burst was answered 201: nothing lost either way.
      const { node, client } = await openNode();
      const logged = new Map<string, string>();
      let eventsInLog = 0;
      for await (const { event } of client.readAll({ fromPosition: START })) {
        if (!event || event.type.startsWith('$')) continue;
        eventsInLog += 1;
        if (event.type === 'RegionRegistered' && /^region-(burst|late)-/.test(event.streamId)) logged.set(event.id, event.streamId);
      }
      expect(accepted.flatMap((outcome) => outcome.eventIds ?? []).filter((eventId) => !logged.has(eventId))).toEqual([]);
      expect([...logged.values()].sort()).toEqual(accepted.map((outcome) => `region-${outcome.id}`).sort());

      // The checkpoints committed at shutdown; then the next start resumes from them instead of building anew.
      const target = scratch.target.kind === 'postgres' ? scratch.target : readModelTargetFrom(undefined, dataDir);
      const store = await openStore(target);
      const atShutdown = await Promise.all(PROJECTIONS.map(async (name) => (await readCheckpoint(store.db, name))?.eventsApplied ?? 0));
      for (const applied of atShutdown) expect(applied).toBeLessThanOrEqual(eventsInLog);
      await client.dispose();
      await node.stop();

      const second = startApi();
      const restarted = await second.listening();
      await until(async () => (await fetch(`${restarted.url}/health/ready`)).status === 200, 60_000);
      const projectionStatus = async () =>
        ((await (await fetch(`${restarted.url}/projections`, { headers: { authorization: `Bearer ${restarted.adminToken}` } })).json()) as { projections: { name: string; lag: { events: number } }[] }).projections;
      expect((await projectionStatus()).map((projection) => projection.name)).toEqual(PROJECTIONS);
      await until(async () => (await projectionStatus()).every((projection) => projection.lag.events === 0), 60_000);
      expect(second.logLines().filter((line) => line.msg === 'building projection from $all')).toEqual([]);
      expect(await second.stop()).toEqual({ code: 0, signal: null });

      for (const name of PROJECTIONS) expect({ name, eventsApplied: (await readCheckpoint(store.db, name))?.eventsApplied }).toEqual({ name, eventsApplied: eventsInLog });

      // The read models equal a build from scratch, table by table.
      const reopened = await openNode();
      const freshTarget = await scratch.another();
      const freshDir = await mkdtemp(join(tmpdir(), 'kontakt-shutdown-fresh-'));
      opened.push({ close: () => rm(freshDir, { recursive: true, force: true }) });
      const rebuilt = await runProjector(['rebuild', 'all'], {
        EVENTSTORE_CONNECTION_STRING: reopened.node.connectionString,
        DATA_DIR: freshDir,
        ...(freshTarget.kind === 'postgres' ? { READ_MODEL_URL: freshTarget.url } : {}),
      }, 120_000);
      expect(rebuilt).toMatchObject({ code: 0, signal: null });
      const fresh = await openStore(freshTarget.kind === 'postgres' ? freshTarget : readModelTargetFrom(undefined, freshDir));
      for (const definition of KONTAKT_PROJECTIONS) {
        const projection = definition.create();
        expect({ name: definition.name, tables: await checksumsByTable(store.db as unknown as ProjectionDb, projection) }).toEqual({
          name: definition.name,
          tables: await checksumsByTable(fresh.db as unknown as ProjectionDb, projection),
        });
      }
    },
    300_000,
  );
});

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
