import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { kontaktEventSchemas } from '@app/event-store';
import { ProjectionEngine, readAllChunk, type EngineLogger, type LogPosition, type ProjectionDefinition, type RebuildProgress } from '@app/projections';
import { openReadModelDatabase, readCheckpoint, type ReadModelDatabase } from '@app/read-model';
import { sql } from 'kysely';
import type { BenchReadModel } from './bench-read-models';
import type { EventStoreProcess } from './event-store-process';
import { profileInProcess, type InProcessProfileSummary } from './in-process-profile';
import { measurePhase, type PhaseResult, type PhaseWork } from './phase-measurement';

/** Events per rebuild transaction: the engine's default, stated here so the report can say it. */
export const REBUILD_BATCH = 5_000;

export interface RebuildResult {
  id: string;
  title: string;
  store: BenchReadModel['label'];
  projections: string[];
  /** Events applied (every projected event once per projection rebuilt). */
  eventsApplied: number;
  /** Events of the history per second of wall time: with several projections, the rate at which all of them are built. */
  eventsPerSecond: number;
  wallMs: number;
  /** Reading and applying, building the query indexes, swapping in (only known when one projection is rebuilt). */
  stepsMs?: { reading: number; indexing: number; swapping: number };
  /** Seconds per projection when several were built by start(), from the engine's log. */
  secondsByProjection?: Record<string, number>;
  rows: Record<string, number>;
  totalRows: number;
  sizeBytes: number;
  serverCpuMs: number;
  clientCpuMs: number;
  /** This process (where the projections run): resident set before, and the highest seen while rebuilding. */
  rssBeforeBytes: number;
  peakRssBytes: number;
  profile?: InProcessProfileSummary;
}

/** Events a rebuild will see: those it projects (system events are skipped). */
export interface RebuildContext {
  client: EventStoreDBClient;
  node: EventStoreProcess;
  projectedEvents: number;
  profileDir?: string;
  progress: (message: string) => void;
}

/**
 * Rebuilds `definitions` into a fresh store: with one definition by `engine.rebuild(name)` (so reading, index build
 * and swap can be told apart), with several by `engine.start()` on the empty store, which builds each missing
 * projection from `$all` in turn, as the API does on its first start.
 */
export async function measureRebuild(context: RebuildContext, readModel: BenchReadModel, definitions: readonly ProjectionDefinition[], id: string): Promise<RebuildResult> {
  const names = definitions.map((definition) => definition.name);
  const title = `${names.length === 1 ? `Rebuild ${names[0]}` : `start(): ${names.join(' + ')}`} on ${readModel.label}`;
  const store = await openReadModelDatabase(readModel.target);
  const secondsByProjection: Record<string, number> = {};
  const logger: EngineLogger = {
    info: (message, fields) => {
      if (message === 'projection rebuilt' && typeof fields?.seconds === 'number') secondsByProjection[String(fields.projection)] = fields.seconds;
      // Built together by start(): one pass over $all for all of them.
      if (message === 'projections rebuilt' && typeof fields?.seconds === 'number') secondsByProjection[String(fields.projections)] = fields.seconds;
    },
    warn: (message, fields) => context.progress(`engine warning: ${message} ${JSON.stringify(fields ?? {})}`),
    error: (message, fields) => context.progress(`engine error: ${message} ${JSON.stringify(fields ?? {})}`),
  };
  const engine = new ProjectionEngine({ client: context.client, store, definitions, schemas: kontaktEventSchemas(), logger, rebuildBatch: REBUILD_BATCH });
  const steps = new StepClock();
  const memory = new RssWatch();
  let lastReport = Date.now();
  const onProgress = (progress: RebuildProgress) => {
    steps.enter(progress.phase);
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      context.progress(`${title}: ${progress.eventsApplied.toLocaleString('en-US')} events, ${progress.eventsPerSecond.toLocaleString('en-US')}/s, ${Math.round(memory.peak / 1e6)} MB RSS`);
    }
  };
  const work = async (): Promise<PhaseWork> => {
    if (definitions.length === 1) await engine.rebuild(names[0], onProgress);
    else await engine.start();
    return { events: context.projectedEvents, calls: 1 };
  };
  let phase: PhaseResult;
  let profile: InProcessProfileSummary | undefined;
  try {
    memory.start();
    steps.enter('reading');
    if (context.profileDir) {
      const profiled = await profileInProcess(path.join(context.profileDir, `${id}.cpuprofile`), () => measurePhase(context.node, id, title, work));
      phase = profiled.result;
      profile = profiled.summary;
    } else {
      phase = await measurePhase(context.node, id, title, work);
    }
    steps.enter('done');
  } finally {
    memory.stop();
    await engine.stop();
  }
  try {
    let eventsApplied = 0;
    for (const name of names) eventsApplied += (await readCheckpoint(store.db, name))?.eventsApplied ?? 0;
    if (eventsApplied !== context.projectedEvents * definitions.length) {
      throw new Error(`${title} applied ${eventsApplied} events, expected ${context.projectedEvents} per projection`);
    }
    const rows = await countRows(store, definitions);
    return {
      id,
      title,
      store: readModel.label,
      projections: names,
      eventsApplied,
      eventsPerSecond: phase.eventsPerSecond,
      wallMs: phase.wallMs,
      ...(definitions.length === 1 ? { stepsMs: { reading: steps.ms('reading'), indexing: steps.ms('indexing'), swapping: steps.ms('swapping') } } : { secondsByProjection }),
      rows,
      totalRows: Object.values(rows).reduce((sum, count) => sum + count, 0),
      sizeBytes: await readModel.sizeBytes(),
      serverCpuMs: phase.serverCpuMs,
      clientCpuMs: phase.clientCpuMs,
      rssBeforeBytes: memory.before,
      peakRssBytes: memory.peak,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await store.close();
  }
}

async function countRows(store: ReadModelDatabase, definitions: readonly ProjectionDefinition[]): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const definition of definitions) {
    for (const table of definition.create().tables) {
      const result = await sql<{ count: string | number }>`SELECT count(*) AS count FROM ${sql.table(table)}`.execute(store.db);
      rows[table] = Number(result.rows[0].count);
    }
  }
  return rows;
}

/** Reads all of `$all` as a rebuild does (chunks of REBUILD_BATCH, each event turned into a ProjectedEvent), applying nothing. */
export async function readAllAsRebuild(client: EventStoreDBClient, { handOver = false }: { handOver?: boolean } = {}): Promise<PhaseWork> {
  const schemas = kontaktEventSchemas();
  let position: LogPosition | undefined;
  let events = 0;
  let calls = 0;
  for (;;) {
    const chunk = await readAllChunk(client, schemas, position, REBUILD_BATCH);
    calls += 1;
    // What handing each chunk to another thread would add (postMessage clones with V8's serializer): the cost that
    // decides whether decoding in a worker thread could pay for itself.
    const received = handOver ? (deserialize(serialize(chunk.events)) as unknown[]) : chunk.events;
    events += received.length;
    if (chunk.last) position = chunk.last;
    if (chunk.records < REBUILD_BATCH) return { events, calls };
  }
}

/** Wall time spent in each step of a rebuild, from its progress reports. */
class StepClock {
  private current: string | undefined;
  private since = 0;
  private readonly spent = new Map<string, number>();

  enter(step: string): void {
    if (step === this.current) return;
    const now = performance.now();
    if (this.current !== undefined) this.spent.set(this.current, (this.spent.get(this.current) ?? 0) + now - this.since);
    this.current = step;
    this.since = now;
  }

  ms(step: string): number {
    return this.spent.get(step) ?? 0;
  }
}

/** This process's resident set, sampled while a rebuild runs. */
class RssWatch {
  before = 0;
  peak = 0;
  private timer?: NodeJS.Timeout;

  start(): void {
    this.before = process.memoryUsage.rss();
    this.peak = this.before;
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage.rss())), 100);
  }

  stop(): void {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}
