import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import type { EventSchemas } from '@app/event-store';
import { readCheckpoint, recordProjectionError, writeCheckpoint, type ProjectionCheckpoint, type ReadModelDatabase, type ReadModelSchema } from '@app/read-model';
import type { Kysely } from 'kysely';
import { BehaviorSubject } from 'rxjs';
import { comparePositions, toProjectedEvent, type LogPosition, type ProjectedEvent } from '../events/projected-event';
import { headPosition, lagBehind } from './all-stream-reader';
import type { EventRevealer } from './event-revealer';
import type { EngineLogger, Projection, ProjectionDb, ProjectionDefinition } from './projection';
import { isBeforeStart, rebuildProjections, type RebuildProgress } from './projection-rebuild';

export interface ProjectionEngineOptions {
  client: EventStoreDBClient;
  /** The read-model store the engine writes; queries should use another connection (SQLite serialises one). */
  store: ReadModelDatabase;
  definitions: readonly ProjectionDefinition[];
  schemas: EventSchemas;
  /** Applied to every batch, live and rebuilding, before the projections see it (personal fields). */
  revealer?: EventRevealer;
  logger?: EngineLogger;
  /** Live batches: at most this many events per transaction. */
  maxBatch?: number;
  /** Live batches: wait at most this long for more events before committing. */
  flushDelayMs?: number;
  /** Rebuild transactions: this many events each. */
  rebuildBatch?: number;
  /** Retry delays after a failure grow up to this. */
  maxRetryDelayMs?: number;
}

export type ProjectionState = 'starting' | 'catching-up' | 'live' | 'rebuilding' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  schemaVersion: number;
  generation: number;
  state: ProjectionState;
  checkpoint: { commit: string; prepare: string } | null;
  eventsApplied: number;
  updatedAt: string | null;
  lag: { events: number; eventsCapped: boolean; seconds: number };
  lastError: { message: string; at: string } | null;
  rebuild: RebuildProgress | null;
}

interface Running {
  definition: ProjectionDefinition;
  projection: Projection;
  checkpoint?: ProjectionCheckpoint;
  loaded: boolean;
  rebuilding?: { progress: RebuildProgress; done: Promise<void> };
}

const LAG_CAP = 10_000;
const nullLogger: EngineLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs projections: one catch-up subscription to `$all` from the lowest checkpoint feeds every live projection, in
 * batches; each batch is one transaction holding every projection's rows and checkpoint. A failed batch rolls back,
 * is recorded as the projection's last error, and is retried from the checkpoints with growing delays. Rebuilds fill
 * shadow tables from `$all` and swap them in (see rebuildProjections).
 */
export class ProjectionEngine {
  readonly positions = new BehaviorSubject<ReadonlyMap<string, LogPosition | undefined>>(new Map());
  private readonly running = new Map<string, Running>();
  private readonly logger: EngineLogger;
  private subscription?: AllStreamSubscription;
  private buffer: ProjectedEvent[] = [];
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = true;
  /** Set by stop(): rebuilds end at their next batch. Not set before start(), so a rebuild may run on its own. */
  private stopRequested = false;
  private paused = 0;
  private retryDelayMs = 0;
  private retryTimer?: NodeJS.Timeout;
  private failed = false;
  private caughtUp = false;

  constructor(private readonly options: ProjectionEngineOptions) {
    this.logger = options.logger ?? nullLogger;
    for (const definition of options.definitions) {
      this.running.set(definition.name, { definition, projection: definition.create(), loaded: false });
    }
  }

  get names(): string[] {
    return [...this.running.keys()];
  }

  private get db(): Kysely<ReadModelSchema> {
    return this.options.store.db;
  }

  /**
   * Makes sure every projection has its tables and a checkpoint of the current schema version; projections that have
   * none (first start) or another version are built from `$all` by a rebuild, awaited here, so that the first live
   * batch finds them complete. Then starts the live subscription.
   */
  async start(): Promise<void> {
    this.stopped = false;
    this.stopRequested = false;
    // No subscription until every checkpoint is loaded: one started by a rebuild's swap would begin after the
    // checkpoints of projections not read yet, and they would miss the events in between.
    this.paused += 1;
    try {
      const stale: Running[] = [];
      for (const running of this.running.values()) {
        running.checkpoint = await readCheckpoint(this.db, running.definition.name);
        await this.ensureLiveTables(running.projection);
        if (running.checkpoint?.schemaVersion !== running.definition.schemaVersion) {
          this.logger.info('building projection from $all', { projection: running.definition.name, storedVersion: running.checkpoint?.schemaVersion ?? null });
          stale.push(running);
        }
      }
      // In one pass over $all (a first start builds every projection): reading is a large share of a rebuild.
      if (stale.length > 0) await this.rebuildTogether(stale);
    } finally {
      this.paused -= 1;
    }
    this.subscribe();
  }

  /** Queries find empty tables, not missing ones, while a projection is first built. */
  private async ensureLiveTables(projection: Projection): Promise<void> {
    const existing = new Set((await this.db.introspection.getTables()).map((table) => table.name));
    if (projection.tables.every((table) => existing.has(table))) return;
    await this.db.transaction().execute(async (trx) => {
      for (const table of projection.tables) await trx.schema.dropTable(table).ifExists().execute();
      await projection.createTables(trx as unknown as ProjectionDb, 'g0', this.options.store.kind);
      await projection.createQueryIndexes(trx as unknown as ProjectionDb, 'g0', this.options.store.kind);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    await this.unsubscribe();
    await this.flushing;
    // Rebuilds stop at their next batch; their shadow tables stay until the next rebuild replaces them.
    await Promise.allSettled([...this.running.values()].map((running) => running.rebuilding?.done));
  }

  /** Rebuilds one projection into shadow tables and swaps them in; queries keep answering from the old rows meanwhile. */
  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`unknown projection ${name}`);
    return this.rebuildTogether([running], onProgress);
  }

  /** Rebuilds these projections in one pass over `$all`; those already being rebuilt are awaited, not restarted. */
  private rebuildTogether(runnings: readonly Running[], onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    const already = runnings.flatMap((running) => (running.rebuilding ? [running.rebuilding.done] : []));
    const fresh = runnings.filter((running) => !running.rebuilding);
    if (fresh.length === 0) return Promise.all(already).then(() => undefined);
    const state = { progress: { phase: 'reading', eventsApplied: 0, eventsPerSecond: 0, fraction: 0, etaSeconds: null, startedAt: new Date().toISOString() } as RebuildProgress, done: Promise.resolve() };
    // The generation comes from the stored checkpoint, not the one in memory: an engine that was not started has
    // none, and a generation already in use would name indexes that exist on the live tables.
    state.done = Promise.all(fresh.map((running) => readCheckpoint(this.db, running.definition.name)))
      .then((stored) =>
        rebuildProjections({
          client: this.options.client,
          store: this.options.store,
          targets: fresh.map((running, index) => ({ definition: running.definition, generation: (stored[index]?.generation ?? 0) + 1 })),
          schemas: this.options.schemas,
          revealer: this.options.revealer,
          batchSize: this.options.rebuildBatch ?? 5_000,
          isStopped: () => this.stopRequested,
          onProgress: (progress) => {
            state.progress = progress;
            onProgress?.(progress);
          },
          // The swap must not interleave with a live batch writing the tables it replaces.
          exclusive: (work) => this.exclusive(work),
          logger: this.logger,
        }),
      )
      .then(async () => {
        for (const running of fresh) {
          running.projection.reset();
          running.projection = running.definition.create();
          running.loaded = false;
          running.checkpoint = await readCheckpoint(this.db, running.definition.name);
          this.logger.info('projection rebuilt', { projection: running.definition.name, eventsApplied: running.checkpoint?.eventsApplied });
        }
        this.publishPositions();
      })
      .finally(() => {
        for (const running of fresh) running.rebuilding = undefined;
        // The swap resubscribed without these projections; when they were all there is, nothing is subscribed yet.
        this.subscribe();
      });
    for (const running of fresh) running.rebuilding = state;
    return Promise.all([state.done, ...already]).then(() => undefined);
  }

  /** Runs `work` with the live subscription paused and no batch in flight; restarts it from the checkpoints after. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.paused += 1;
    await this.unsubscribe();
    await this.flushing;
    try {
      return await work();
    } finally {
      this.paused -= 1;
      if (this.paused === 0 && !this.stopped) this.subscribe();
    }
  }

  async status(now = Date.now()): Promise<ProjectionStatus[]> {
    const statuses: ProjectionStatus[] = [];
    // Projections that follow one subscription mostly share a checkpoint: read $all once per distinct position.
    const lags = new Map<string, Promise<{ events: number; capped: boolean; seconds: number }>>();
    for (const running of this.running.values()) {
      const checkpoint = await readCheckpoint(this.db, running.definition.name);
      const key = checkpoint ? `${checkpoint.position.commit}/${checkpoint.position.prepare}` : 'none';
      if (!lags.has(key)) {
        lags.set(key, lagBehind(this.options.client, this.options.schemas, checkpoint?.position, LAG_CAP, now).catch(() => ({ events: 0, capped: false, seconds: 0 })));
      }
      const lag = await lags.get(key)!;
      statuses.push({
        name: running.definition.name,
        schemaVersion: running.definition.schemaVersion,
        generation: checkpoint?.generation ?? 0,
        state: this.stateOf(running, lag.events),
        checkpoint: checkpoint ? { commit: checkpoint.position.commit.toString(), prepare: checkpoint.position.prepare.toString() } : null,
        eventsApplied: checkpoint?.eventsApplied ?? 0,
        updatedAt: checkpoint?.updatedAt ?? null,
        lag: { events: lag.events, eventsCapped: lag.capped, seconds: Math.round(lag.seconds * 1000) / 1000 },
        lastError: checkpoint?.lastError ?? null,
        rebuild: running.rebuilding?.progress ?? null,
      });
    }
    return statuses;
  }

  private stateOf(running: Running, lagEvents: number): ProjectionState {
    if (running.rebuilding) return 'rebuilding';
    if (this.stopped) return 'stopped';
    if (this.failed) return 'failed';
    if (!this.subscription) return 'starting';
    return this.caughtUp && lagEvents === 0 ? 'live' : 'catching-up';
  }

  /** The last position every projection (or those named) has applied: the lowest of their checkpoints. */
  appliedPosition(names: readonly string[] = this.names): LogPosition | undefined {
    let lowest: LogPosition | undefined;
    for (const name of names) {
      const position = this.running.get(name)?.checkpoint?.position;
      if (position === undefined) return undefined;
      if (lowest === undefined || comparePositions(position, lowest) < 0) lowest = position;
    }
    return lowest;
  }

  /** Head of `$all`, for progress and lag. */
  head(): Promise<LogPosition | undefined> {
    return headPosition(this.options.client);
  }

  private live(): Running[] {
    return [...this.running.values()].filter((running) => !running.rebuilding && running.checkpoint?.schemaVersion === running.definition.schemaVersion);
  }

  private subscribe(): void {
    if (this.stopped || this.paused > 0 || this.subscription) return;
    const live = this.live();
    if (live.length === 0) return;
    let from: LogPosition | undefined;
    for (const running of live) {
      const position = running.checkpoint?.position;
      if (position === undefined || (from !== undefined && comparePositions(position, from) < 0)) from = position;
      if (position === undefined) break;
    }
    const lowest = live.every((running) => running.checkpoint) ? from : undefined;
    this.caughtUp = false;
    const subscription = this.options.client.subscribeToAll({ fromPosition: lowest === undefined || isBeforeStart(lowest) ? START : lowest, filter: excludeSystemEvents() });
    this.subscription = subscription;
    // An unsubscribed subscription still delivers what it had in flight (the client cancels its call on the next
    // tick); those events would be applied a second time when the next subscription delivers them again.
    subscription.on('data', (resolved: ResolvedEvent) => {
      if (this.subscription === subscription) this.received(resolved);
    });
    subscription.on('caughtUp', () => {
      if (this.subscription !== subscription) return;
      this.caughtUp = true;
      this.scheduleFlush(0);
    });
    subscription.on('error', (error: Error) => {
      if (this.subscription !== subscription) return;
      this.logger.warn('projection subscription failed; resubscribing from the checkpoints', { error: error.message });
      this.failLater(error);
    });
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.buffer = [];
    clearTimeout(this.flushTimer);
    if (subscription) await subscription.unsubscribe().catch(() => undefined);
  }

  private received(resolved: ResolvedEvent): void {
    const event = toProjectedEvent(resolved, this.options.schemas);
    if (!event) return;
    this.buffer.push(event);
    if (this.buffer.length >= (this.options.maxBatch ?? 1_000)) {
      // Back-pressure: stop reading until this batch is committed.
      this.subscription?.pause();
      this.scheduleFlush(0);
    } else {
      this.scheduleFlush(this.options.flushDelayMs ?? 5);
    }
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer && delayMs > 0) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    const subscription = this.subscription;
    if (batch.length === 0 || !subscription) return;
    try {
      await this.applyBatch(this.options.revealer ? await this.options.revealer.reveal(batch) : batch);
      this.failed = false;
      this.retryDelayMs = 0;
      subscription.resume();
    } catch (error) {
      await this.unsubscribe();
      this.failLater(error as Error);
    }
  }

  /** One transaction: every live projection's rows for the events it has not applied, and its checkpoint. */
  private async applyBatch(batch: readonly ProjectedEvent[]): Promise<void> {
    const live = this.live();
    for (const running of live) {
      if (!running.loaded) {
        await running.projection.load(this.db as unknown as ProjectionDb);
        running.loaded = true;
      }
    }
    const applied: [Running, ProjectionCheckpoint][] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const running of live) {
          const after = running.checkpoint?.position;
          const events = after === undefined ? batch : batch.filter((event) => comparePositions(event.position, after) > 0);
          if (events.length === 0) continue;
          await running.projection.apply(events, trx as unknown as ProjectionDb, this.options.store.kind);
          const last = events[events.length - 1].position;
          const eventsApplied = (running.checkpoint?.eventsApplied ?? 0) + events.length;
          const generation = running.checkpoint?.generation ?? 1;
          await writeCheckpoint(trx, running.definition.name, last, eventsApplied, { schemaVersion: running.definition.schemaVersion, generation });
          applied.push([running, { projection: running.definition.name, position: last, eventsApplied, updatedAt: new Date().toISOString(), schemaVersion: running.definition.schemaVersion, generation }]);
        }
      });
    } catch (error) {
      // The rows are rolled back; so must be what the projections hold in memory.
      for (const running of live) {
        running.projection.reset();
        running.loaded = false;
      }
      for (const running of live) {
        await recordProjectionError(this.db, running.definition.name, (error as Error).message).catch(() => undefined);
      }
      throw error;
    }
    for (const [running, checkpoint] of applied) running.checkpoint = checkpoint;
    this.publishPositions();
  }

  private failLater(error: Error): void {
    this.failed = true;
    this.retryDelayMs = Math.min(Math.max(this.retryDelayMs * 2, 250), this.options.maxRetryDelayMs ?? 30_000);
    this.logger.error('projection batch failed; retrying from the checkpoints', { error: error.message, retryInMs: this.retryDelayMs });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.unsubscribe().then(() => this.subscribe());
    }, this.retryDelayMs);
  }

  private publishPositions(): void {
    this.positions.next(new Map([...this.running.values()].map((running) => [running.definition.name, running.checkpoint?.position])));
  }
}
