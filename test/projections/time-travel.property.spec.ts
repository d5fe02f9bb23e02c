import { jsonEvent, type EventStoreDBClient, type JSONType } from '@eventstore/db-client';
import fc from 'fast-check';
import { kontaktEventSchemas } from '@app/event-store';
import {
  KONTAKT_PROJECTIONS,
  ProjectionEngine,
  comparePositions,
  headPosition,
  readAllChunk,
  readCooperationStatus,
  readGraph,
  readRegionStatus,
  recordedAtMs,
  visibleEntries,
  type EngineLogger,
  type HistoryCut,
  type HistoryEntry,
  type LogPosition,
  type ProjectedEvent,
  type ProjectionDb,
  type RelationshipGraph,
} from '@app/projections';
import { openReadModelDatabase, type ReadModelDatabase } from '@app/read-model';
import { delay, useInProcessNode } from '../support/event-store-node.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';
import { historyScripts, writeHistory, type KontaktHistory } from './support/history.arbitrary';

/**
 * Time travel must be exact: an answer at a cut is read from the retained history rows, and must be what a projection
 * built afresh from only the events inside the cut answers now. Replay must equal live: rows built batch by batch
 * while events arrive are the rows a rebuild from `$all` makes.
 *
 * Every history of a run is appended to the file's one node under its own namespace (ids and streams), so the
 * projections also hold earlier runs; answers are compared on the run's own entries. Its `recordedAt` clock starts an
 * hour after everything recorded before it, so earlier runs lie before every cut a run draws.
 */

const RUNS = process.env.CI ? 15 : 20;
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
/** Properties stop drawing (and shrinking) after this, so a failure is reported before the test times out. */
const TIME_LIMIT_MS = 100_000;
const TEST_TIMEOUT_MS = 150_000;
const schemas = kontaktEventSchemas();

let runs = 0;
let nextStartMs = Date.UTC(2024, 0, 1);

/** A history in a namespace of its own, recorded after every earlier one. */
function nextHistory(script: Parameters<typeof writeHistory>[0]): KontaktHistory {
  runs += 1;
  const history = writeHistory(script, `h${runs}`, nextStartMs);
  nextStartMs = Math.max(nextStartMs, history.lastRecordedMs) + 3_600_000;
  return history;
}

describe.each(readModelStores())('time travel on %s', (_name, scratchStore) => {
  const node = useInProcessNode();
  let scratch: ScratchStore;
  let full: ReadModelDatabase;
  let fresh: ReadModelDatabase;
  let engine: ProjectionEngine;
  let engineErrors: EngineErrors;

  beforeAll(async () => {
    scratch = await scratchStore();
    full = await openReadModelDatabase(scratch.target);
    fresh = await openReadModelDatabase(await scratch.another());
    engineErrors = new EngineErrors();
    // Small live batches, so that corrections often meet their entry in an earlier batch.
    engine = new ProjectionEngine({ client: node().client, store: full, definitions: KONTAKT_PROJECTIONS, schemas, maxBatch: 7, flushDelayMs: 2, logger: engineErrors });
    await engine.start();
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await full?.close();
    await fresh?.close();
    await scratch?.cleanUp();
  }, 60_000);

  /** Appends a history, waits until the engine has projected it, and returns its events as projections saw them. */
  async function recorded(history: KontaktHistory): Promise<ProjectedEvent[]> {
    const client = node().client;
    const before = await headPosition(client);
    const last = await append(client, history.events);
    await caughtUp(engine, engineErrors, last);
    return (await readAllChunk(client, schemas, before, 100_000)).events;
  }

  /**
   * Status and graph at the cut, replayed from the timeline's rows, against the current status and graph of the
   * fresh projection, read from the status and graph projections' own rows: for every region, cooperation and
   * organisation of the history, and the whole graph.
   *
   * One known difference is allowed: at a `knownAt` cut before a region or organisation was registered, the fresh
   * projection does not know it (no status, no graph), while the answer at the cut is its empty status or graph, as
   * before anything was recorded: the references carry no recording time.
   */
  async function expectSameSummaries(history: KontaktHistory, cut: HistoryCut, dayKey: number, shown: <T>(summary: T) => T): Promise<void> {
    const atCut = full.db as ProjectionDb;
    const now = fresh.db as ProjectionDb;
    for (const regionId of history.regions) {
      const status = (await readRegionStatus(now, regionId, { dayKey })) ?? (await readRegionStatus(atCut, regionId, { cut: BEFORE_ANYTHING, dayKey }));
      expect({ regionId, cut, status: shown(await readRegionStatus(atCut, regionId, { cut, dayKey })) }).toEqual({ regionId, cut, status: shown(status) });
      const graph = (await readGraph(now, { region: regionId })) ?? (await readGraph(atCut, { cut: BEFORE_ANYTHING, region: regionId }));
      expect({ regionId, cut, graph: shown(await readGraph(atCut, { cut, region: regionId })) }).toEqual({ regionId, cut, graph: shown(graph) });
    }
    for (const cooperationId of history.cooperations) {
      expect({ cooperationId, cut, status: shown(await readCooperationStatus(atCut, cooperationId, { cut, dayKey })) }).toEqual({
        cooperationId,
        cut,
        status: shown(await readCooperationStatus(now, cooperationId, { dayKey })),
      });
    }
    for (const organisation of history.organisations) {
      const graph = (await readGraph(now, { organisation })) ?? (await readGraph(atCut, { cut: BEFORE_ANYTHING, organisation }));
      expect({ organisation, cut, graph: shown(await readGraph(atCut, { cut, organisation })) }).toEqual({ organisation, cut, graph: shown(graph) });
    }
    expect({ cut, graph: shown(ownGraph(history, await readGraph(atCut, { cut }))) }).toEqual({ cut, graph: shown(await readGraph(now)) });
  }

  it(
    'builds the same rows live, batch by batch as events arrive, as a rebuild from $all',
    async () => {
      const store = await openReadModelDatabase(await scratch.another());
      try {
        await fc.assert(
          fc.asyncProperty(
            historyScripts(),
            fc.array(fc.record({ size: fc.integer({ min: 1, max: 12 }), pauseMs: fc.constantFrom(0, 0, 1, 5) }), { minLength: 1, maxLength: 8 }),
            fc.integer({ min: 1, max: 10 }),
            fc.integer({ min: 16, max: 500 }),
            async (script, chunks, maxBatch, rebuildBatch) => {
              const history = nextHistory(script);
              // A new engine on the same store carries on from its checkpoints: live batches on top of the last rebuild.
              const errors = new EngineErrors();
              const live = new ProjectionEngine({ client: node().client, store, definitions: KONTAKT_PROJECTIONS, schemas, maxBatch, flushDelayMs: 1, rebuildBatch, logger: errors });
              await live.start();
              try {
                let last: LogPosition | undefined;
                let offset = 0;
                for (let index = 0; offset < history.events.length; index += 1) {
                  const chunk = chunks[index % chunks.length];
                  last = await append(node().client, history.events.slice(offset, offset + chunk.size));
                  offset += chunk.size;
                  if (chunk.pauseMs > 0) await delay(chunk.pauseMs);
                }
                await caughtUp(live, errors, last!);
                const builtLive = await tableRows(store);
                for (const name of live.names) await live.rebuild(name);
                expect(await tableRows(store)).toEqual(builtLive);
              } finally {
                await live.stop();
              }
            },
          ),
          { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS },
        );
      } finally {
        await store.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers knownAt from the retained rows as a fresh projection of the events recorded by then answers now',
    async () => {
      await fc.assert(
        fc.asyncProperty(historyScripts(), cutDraws(), fc.integer({ min: 1, max: 25 }), async (script, cuts, batchSize) => {
          const history = nextHistory(script);
          const events = await recorded(history);
          for (const cut of cuts) {
            const knownAtMs = recordingTimeOf(events, cut);
            await projectFresh(fresh, withErasures(recordedBy(events, knownAtMs), events), batchSize);
            for (const scope of scopesOf(history)) {
              const atCut = ownEntries(history, await visibleEntries(full.db as ProjectionDb, scope, { knownAtMs }));
              const now = await visibleEntries(fresh.db as ProjectionDb, scope);
              expect({ scope, knownAtMs, entries: atCut.map(asKnown) }).toEqual({ scope, knownAtMs, entries: now.map(asKnown) });
            }
            await expectSameSummaries(history, { knownAtMs }, KNOWN_AT_DAY, withoutNames);
          }
        }),
        { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers asOf, alone or with knownAt, as a fresh projection of the events that had happened by that day answers now',
    async () => {
      await fc.assert(
        fc.asyncProperty(historyScripts(), cutDraws(), fc.integer({ min: 1, max: 25 }), async (script, cuts, batchSize) => {
          const history = nextHistory(script);
          const events = await recorded(history);
          for (const cut of cuts) {
            const asOf = dayOf(events, cut);
            const knownAtMs = cut.alsoKnownAt ? recordingTimeOf(events, cut) : undefined;
            const inCut: HistoryCut = { asOf, ...(knownAtMs === undefined ? {} : { knownAtMs }) };
            await projectFresh(fresh, happenedBy(knownAtMs === undefined ? events : withErasures(recordedBy(events, knownAtMs), events), asOf), batchSize);
            for (const scope of scopesOf(history)) {
              const atCut = ownEntries(history, await visibleEntries(full.db as ProjectionDb, scope, inCut));
              const now = await visibleEntries(fresh.db as ProjectionDb, scope);
              expect({ scope, inCut, entries: atCut.map(asHappened) }).toEqual({ scope, inCut, entries: now.map(asHappened) });
            }
            await expectSameSummaries(history, inCut, asOf, knownAtMs === undefined ? asIs : withoutNames);
          }
        }),
        { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS },
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/** Where a cut falls: an event's own `recordedAt` (or a millisecond either side), or a day its dates name. */
interface CutDraw {
  at: number;
  nudge: -1 | 0 | 1;
  alsoKnownAt: boolean;
}

function cutDraws(): fc.Arbitrary<CutDraw[]> {
  return fc.array(fc.record({ at: fc.nat(), nudge: fc.constantFrom(-1 as const, 0 as const, 1 as const), alsoKnownAt: fc.boolean() }), { minLength: 2, maxLength: 4 });
}

/**
 * The events we had recorded by `knownAtMs`. The recording clock is the running maximum of `recordedAt` in `$all`
 * order (HistoryReducer), so this is a prefix: every event up to the last one whose clock reading is at most the cut.
 * An event whose writer's clock was behind still comes after the events appended before it.
 */
function recordedBy(events: readonly ProjectedEvent[], knownAtMs: number): ProjectedEvent[] {
  let clockMs = 0;
  const prefix: ProjectedEvent[] = [];
  for (const event of events) {
    clockMs = Math.max(clockMs, recordedAtMs(event));
    if (clockMs > knownAtMs) break;
    prefix.push(event);
  }
  return prefix;
}

/**
 * `prefix` and every erasure recorded after it. An erasure counts at every cut, as names are today's at every cut: a
 * person erased now shows as erased in the past too (no cut brings a name back), so the reference is a projection of
 * the events inside the cut with the later erasures applied after them.
 */
function withErasures(prefix: readonly ProjectedEvent[], events: readonly ProjectedEvent[]): ProjectedEvent[] {
  return [...prefix, ...events.slice(prefix.length).filter((event) => event.type === 'PersonErased')];
}

/**
 * The events that had happened by the end of day `asOf` (yyyymmdd), a date counting from its first possible day
 * ("2017" from 2017-01-01, "2017-03" from 2017-03-01). Why this is the reference for an `asOf` answer:
 * - Registrations of regions, organisations, people and fairs are kept: they are not dated facts on any timeline, only
 *   what places facts on them (a region's parent, an organisation's region), and no timeline shows them. So are
 *   erasures, which count at every cut (see withErasures).
 * - A cooperation opened after the day is left out with every event of its stream: nothing can have happened in it
 *   yet. The domain refuses facts and stage changes dated before the opening; one whose date overlaps it at a coarser
 *   precision ("2017" in a cooperation opened on 2017-03-14) can only lie on or after the opening day.
 * - A fact is in when its date as finally corrected lies by the day, and then with all its corrections and its
 *   retraction: `asOf` asks when things happened, not when we learnt them, so an answer without `knownAt` shows each
 *   entry as it now stands, corrected or retracted, and decides by the date it now has. A fact first dated after the
 *   day and corrected to a date before it is in; one corrected from before the day to after it is out.
 * - Stage changes and roles are in when their own date lies by the day.
 * Leaving events out never reorders the rest, so the fresh projection records its entries in the same relative order.
 * With `knownAt` too, the events are first cut to those recorded by then, and "finally corrected" means by then.
 */
function happenedBy(events: readonly ProjectedEvent[], asOf: number): ProjectedEvent[] {
  const factDates = new Map<string, string>();
  const opened = new Set<string>();
  for (const event of events) {
    const entryId = event.data.entryId;
    const key = `${event.streamId}/${String(entryId)}`;
    if (event.type === 'CooperationOpened' && firstDayOf(String(event.data.openedOn)) <= asOf) opened.add(event.streamId);
    if (event.type === 'MembershipCrossLinked') factDates.set(key, String(event.data.since));
    else if (typeof entryId === 'string' && typeof event.data.occurredOn === 'string') factDates.set(key, event.data.occurredOn);
    if (event.type === 'FactCorrected') {
      const corrections = event.data.corrections as Record<string, unknown>;
      const date = corrections.occurredOn ?? corrections.since;
      if (typeof date === 'string') factDates.set(key, date);
    }
  }
  return events.filter((event) => {
    switch (event.type) {
      case 'RegionRegistered':
      case 'OrganisationRegistered':
      case 'OrganisationRenamed':
      case 'PersonRegistered':
      case 'PersonErased':
      case 'FairRegistered':
        return true;
      case 'RoleAssumed':
        return firstDayOf(String(event.data.from)) <= asOf;
      case 'RoleEnded':
        return firstDayOf(String(event.data.until)) <= asOf;
      case 'CooperationOpened':
        return opened.has(event.streamId);
      case 'CooperationStageChanged':
        return opened.has(event.streamId) && firstDayOf(String(event.data.occurredOn)) <= asOf;
      default: {
        const date = factDates.get(`${event.streamId}/${String(event.data.entryId)}`);
        return opened.has(event.streamId) && date !== undefined && firstDayOf(date) <= asOf;
      }
    }
  });
}

/** yyyymmdd of the first day a date allows. */
function firstDayOf(text: string): number {
  const [year, month = '01', day = '01'] = text.split('-');
  return Number(year) * 10_000 + Number(month) * 100 + Number(day);
}

function lastDayOf(text: string): number {
  const [year, month, day] = text.split('-').map(Number);
  if (day !== undefined) return year * 10_000 + month * 100 + day;
  if (month !== undefined) return year * 10_000 + month * 100 + new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year * 10_000 + 1231;
}

function dayBefore(key: number): number {
  const date = new Date(Date.UTC(Math.floor(key / 10_000), (Math.floor(key / 100) % 100) - 1, (key % 100) - 1));
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** A recording time: one of the events' own `recordedAt` (skewed ones included), or a millisecond either side. */
function recordingTimeOf(events: readonly ProjectedEvent[], cut: CutDraw): number {
  return recordedAtMs(events[cut.at % events.length]) + cut.nudge;
}

/** A day: the first or last day a date in the history allows, or the day before it, so cuts fall on every boundary. */
function dayOf(events: readonly ProjectedEvent[], cut: CutDraw): number {
  const dates: string[] = [];
  for (const { type, data } of events) {
    const corrections = (data.corrections ?? {}) as Record<string, unknown>;
    // `from` is a date only for roles: a stage change's `from` is the stage it left.
    const roleDate = type === 'RoleAssumed' ? data.from : type === 'RoleEnded' ? data.until : undefined;
    for (const value of [data.openedOn, data.occurredOn, data.since, roleDate, corrections.occurredOn, corrections.since]) {
      if (typeof value === 'string') dates.push(value);
    }
  }
  const date = dates[cut.at % dates.length];
  const day = cut.nudge < 0 ? dayBefore(firstDayOf(date)) : cut.nudge === 0 ? firstDayOf(date) : lastDayOf(date);
  if (!/^\d{8}$/.test(String(day))) throw new Error(`no day drawn from ${date}`);
  return day;
}

function scopesOf(history: KontaktHistory): string[] {
  return [
    'all',
    ...history.cooperations.map((id) => `cooperation:${id}`),
    ...history.regions.map((id) => `region:${id}`),
    ...history.organisations.map((id) => `organisation:${id}`),
    ...history.people.map((id) => `person:${id}`),
  ];
}

/** The run's own entries: the global timeline holds those of earlier runs too. */
function ownEntries(history: KontaktHistory, entries: HistoryEntry[]): HistoryEntry[] {
  return entries.filter((entry) => entry.key.split('/')[1].startsWith(`${history.namespace}-`));
}

/**
 * An entry as a `knownAt` answer must give it: all of it but its sequence numbers, which count the entries of
 * earlier runs too (the fresh projection holds only this run's).
 */
function asKnown(entry: HistoryEntry): Omit<HistoryEntry, 'sequence' | 'sortKey'> {
  const { sequence: _sequence, sortKey: _sortKey, ...rest } = entry;
  return rest;
}

/**
 * An entry as an `asOf` answer must give it: without the sequence numbers, and without `knownFromMs`, the recording
 * clock's reading, which the events left out of the cut may have moved on.
 */
function asHappened(entry: HistoryEntry): Omit<HistoryEntry, 'sequence' | 'sortKey' | 'knownFromMs'> {
  const { knownFromMs: _knownFromMs, ...rest } = asKnown(entry);
  return rest;
}

/** A cut before anything was recorded: what an answer for a known region or organisation with no history is. */
const BEFORE_ANYTHING: HistoryCut = { knownAtMs: 0 };

/** The day status summaries are read for at a `knownAt` cut alone: within the years histories are dated. */
const KNOWN_AT_DAY = 20190630;

function asIs<T>(summary: T): T {
  return summary;
}

/**
 * Status and graph show names as they stand today, whatever the cut (a renamed organisation keeps its new name in
 * the past): at a `knownAt` cut they are not what a projection of the events recorded by then would show.
 */
function withoutNames<T>(summary: T): T {
  if (summary === undefined || summary === null) return summary;
  const copy = JSON.parse(JSON.stringify(summary)) as Record<string, unknown>;
  delete copy.name;
  for (const list of ['fairs', 'organisations', 'people']) for (const item of (copy[list] ?? []) as Record<string, unknown>[]) delete item.name;
  for (const node of (copy.nodes ?? []) as Record<string, unknown>[]) delete node.label;
  return copy as T;
}

/** The run's own part of the whole graph: nodes and edges of its namespace. */
function ownGraph(history: KontaktHistory, graph: RelationshipGraph | undefined): RelationshipGraph | undefined {
  const own = (id: string) => id.includes(`:${history.namespace}-`);
  return graph && { nodes: graph.nodes.filter((node) => own(node.id)), edges: graph.edges.filter((edge) => own(edge.source) && own(edge.target)) };
}

async function append(client: EventStoreDBClient, events: KontaktHistory['events']): Promise<LogPosition> {
  let last: LogPosition | undefined;
  for (const event of events) {
    const result = await client.appendToStream(event.streamId, jsonEvent({ type: event.type, data: event.data as JSONType, metadata: event.metadata as unknown as JSONType }));
    last = result.position;
  }
  if (!last) throw new Error('nothing appended');
  return last;
}

/** The engine's errors, so that a failing batch fails the property at once instead of being retried until a timeout. */
class EngineErrors implements EngineLogger {
  readonly errors: string[] = [];
  info(): void {}
  warn(): void {}
  error(message: string, fields?: Record<string, unknown>): void {
    this.errors.push(`${message}: ${JSON.stringify(fields)}`);
  }
}

async function caughtUp(engine: ProjectionEngine, errors: EngineErrors, position: LogPosition, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (errors.errors.length > 0) throw new Error(`the projection engine failed: ${errors.errors.splice(0).join('; ')}`);
    const applied = engine.appliedPosition();
    if (applied && comparePositions(applied, position) >= 0) return;
    if (Date.now() > deadline) throw new Error(`projections did not reach ${position.commit} within ${timeoutMs} ms`);
    await delay(5);
  }
}

const storesWithTables = new WeakSet<ReadModelDatabase>();

/**
 * Every Kontakt projection built afresh in `store` from `events` only, in transactions of `batchSize` events as the
 * engine applies them (without the engine, which would read all of `$all`).
 */
async function projectFresh(store: ReadModelDatabase, events: readonly ProjectedEvent[], batchSize: number): Promise<void> {
  const db = store.db as ProjectionDb;
  const projections = KONTAKT_PROJECTIONS.map((definition) => definition.create());
  for (const projection of projections) {
    // Emptied rather than dropped and created again: the same tables, far fewer statements (DDL is slow in PostgreSQL).
    if (storesWithTables.has(store)) {
      for (const table of projection.tables) await db.deleteFrom(table).execute();
    } else {
      await projection.createTables(db, 'fresh', store.kind);
      await projection.createQueryIndexes(db, 'fresh', store.kind);
    }
    await projection.load(db);
  }
  storesWithTables.add(store);
  for (let start = 0; start < events.length; start += batchSize) {
    const batch = events.slice(start, start + batchSize);
    await db.transaction().execute(async (trx) => {
      for (const projection of projections) await projection.apply(batch, trx, store.kind);
    });
  }
}

/** Every row of every projection table and every checkpoint's position, in a stable order. */
async function tableRows(store: ReadModelDatabase): Promise<Record<string, string[]>> {
  const db = store.db as ProjectionDb;
  const rows: Record<string, string[]> = {};
  for (const definition of KONTAKT_PROJECTIONS) {
    for (const table of definition.create().tables) {
      rows[table] = ((await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[]).map((row) => JSON.stringify(row)).sort();
    }
    const checkpoint = (await db.selectFrom('projection_checkpoints').select(['commit_position', 'prepare_position']).where('projection', '=', definition.name).executeTakeFirst()) as
      | Record<string, unknown>
      | undefined;
    rows[`checkpoint:${definition.name}`] = [JSON.stringify(checkpoint)];
  }
  return rows;
}
