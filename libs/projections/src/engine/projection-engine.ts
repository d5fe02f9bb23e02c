import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import type { EventSchemas } from '@app/event-store';
import {
  assertLeaseHeld,
  LeaseLostError,
  readCheckpoint,
  readLeases,
  recordProjectionError,
  writeCheckpoint,
  type LeaseHolding,
  type ProjectionCheckpoint,
  type ProjectionLease,
  type ReadModelDatabase,
  type ReadModelSchema,
} from '@app/read-model';
import type { Kysely, Transaction } from 'kysely';
import { BehaviorSubject, Subject } from 'rxjs';
import { comparePositions, toProjectedEvent, type LogPosition, type ProjectedEvent } from '../events/projected-event';
import { headPosition, lagBehind } from './all-stream-reader';
import type { EventRevealer } from './event-revealer';
import type { ProjectionActivity } from './projection-activity';
import type { LeaseSettings } from './lease-settings';
import type { EngineLogger, Projection, ProjectionDb, ProjectionDefinition } from './projection';
import { ProjectionLeaseKeeper } from './projection-lease-keeper';
import { ProjectionOwnedElsewhereError } from './projection-owned-elsewhere.error';
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
  /** Retry delays after a failed batch grow up to this. */
  maxRetryDelayMs?: number;
  /** Resubscribing after the event store dropped the subscription waits from 100 ms, doubling, up to this. */
  maxResubscribeDelayMs?: number;
  /**
   * Other processes may run the same projections: this engine then writes only those whose lease it holds, takes
   * over those whose owner stops renewing, and fences every transaction with the lease's token (see
   * ProjectionLeaseKeeper). Without it, the engine takes itself for the only writer of the store.
   */
  lease?: LeaseSettings;
}

/**
 * `standby`: another process holds the lease, this one takes over when that lease expires. `reconnecting`: the event
 * store dropped the subscription (or cannot be reached), and it is being restarted from the checkpoints.
 */
export type ProjectionState = 'starting' | 'catching-up' | 'live' | 'rebuilding' | 'failed' | 'reconnecting' | 'standby' | 'stopped';

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
  // Optional only for status objects made elsewhere (tests, tools); ProjectionEngine.status() always sets both.
  /** The projection's lease as the store has it (whoever holds it, or held it last); null before anyone took one. */
  lease?: ProjectionLease | null;
  /** How often this engine restarted its subscription to `$all` after an error (event store gone, failed batch). */
  subscriptionRestarts?: number;
}

/** The projection's code and what it holds in memory, replaced as a whole whenever that memory may be wrong. */
interface Instance {
  projection: Projection;
  loaded: boolean;
}

interface Running {
  definition: ProjectionDefinition;
  instance: Instance;
  checkpoint?: ProjectionCheckpoint;
  rebuilding?: { progress: RebuildProgress; done: Promise<void> };
}

const LAG_CAP = 10_000;
const nullLogger: EngineLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs projections: one catch-up subscription to `$all` from the lowest checkpoint feeds every live projection, in
 * batches; each batch is one transaction holding every projection's rows and checkpoint. A failed batch rolls back,
 * is recorded as the projection's last error, and is retried from the checkpoints with growing delays; a dropped
 * subscription is restarted from the checkpoints too (the client reconnects). Rebuilds fill shadow tables from
 * `$all` and swap them in (see rebuildProjections). With `lease`, only the projections whose lease this process holds
 * are live, and each transaction proves it still holds them.
 */
export class ProjectionEngine {
  readonly positions = new BehaviorSubject<ReadonlyMap<string, LogPosition | undefined>>(new Map());
  /** Batches committed and failed, (re)subscriptions: what metrics count (see ProjectionActivity). */
  readonly activity = new Subject<ProjectionActivity>();
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
  private subscriptions = 0;
  /** The subscription was dropped and is not back yet. */
  private reconnecting = false;
  private resubscribeDelayMs = 0;
  private restarts = 0;
  private readonly leases?: ProjectionLeaseKeeper;
  /** Projections taken over, one after another. */
  private adoptions: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProjectionEngineOptions) {
    this.logger = options.logger ?? nullLogger;
    for (const definition of options.definitions) {
      this.running.set(definition.name, { definition, instance: { projection: definition.create(), loaded: false } });
    }
    if (options.lease) {
      this.leases = new ProjectionLeaseKeeper(options.store, options.lease, this.logger, {
        gained: (name) => this.adopt(name),
        lost: (name, reason) => this.relinquish(name, reason),
      });
    }
  }

  get names(): string[] {
    return [...this.running.keys()];
  }

  private get db(): Kysely<ReadModelSchema> {
    return this.options.store.db;
  }

  /** Times the subscription to `$all` was started again after it failed or a batch failed (each attempt counts). */
  get subscriptionRestarts(): number {
    return this.restarts;
  }

  /** The projections this engine writes now: all of them, or with leases those it holds. */
  ownedProjections(): string[] {
    return [...this.running.values()].filter((running) => this.owns(running)).map((running) => running.definition.name);
  }

  /**
   * Makes sure every projection has its tables and a checkpoint of the current schema version; projections that have
   * none (first start) or another version are built from `$all` by a rebuild, awaited here, so that the first live
   * batch finds them complete. Then starts the live subscription. With leases: only the projections whose lease is
   * free now; the others are taken over (and built if need be) when their owner stops renewing. `onPrepared` is
   * called once the tables and checkpoints are there, before any build from `$all`: from then on a query finds
   * tables (empty while first built), not missing ones.
   */
  async start(options: { onPrepared?: () => void } = {}): Promise<void> {
    this.stopped = false;
    this.stopRequested = false;
    // No subscription until every checkpoint is loaded: one started by a rebuild's swap would begin after the
    // checkpoints of projections not read yet, and they would miss the events in between.
    this.paused += 1;
    try {
      if (this.leases) {
        const held = await this.leases.follow(this.names);
        this.logger.info('projection leases', { owner: this.leases.owner, held, standby: this.names.filter((name) => !held.includes(name)) });
      }
      const stale: Running[] = [];
      for (const running of this.running.values()) {
        if (this.owns(running) && (await this.prepare(running))) stale.push(running);
      }
      options.onPrepared?.();
      // In one pass over $all (a first start builds every projection): reading is a large share of a rebuild.
      if (stale.length > 0) await this.rebuildTogether(stale);
    } finally {
      this.paused -= 1;
    }
    this.subscribe();
  }

  /** Reads the stored checkpoint and makes sure the tables exist; whether the projection must be built from `$all`. */
  private async prepare(running: Running): Promise<boolean> {
    const { name, schemaVersion } = running.definition;
    running.checkpoint = await readCheckpoint(this.db, name);
    await this.ensureLiveTables(running.instance.projection, this.holdingOf(running));
    if (running.checkpoint?.schemaVersion === schemaVersion) return false;
    this.logger.info('building projection from $all', { projection: name, storedVersion: running.checkpoint?.schemaVersion ?? null });
    return true;
  }

  /** Queries find empty tables, not missing ones, while a projection is first built. */
  private async ensureLiveTables(projection: Projection, holding: LeaseHolding | undefined): Promise<void> {
    const existing = new Set((await this.db.introspection.getTables()).map((table) => table.name));
    if (projection.tables.every((table) => existing.has(table))) return;
    await this.db.transaction().execute(async (trx) => {
      for (const table of projection.tables) await trx.schema.dropTable(table).ifExists().execute();
      await projection.createTables(trx as unknown as ProjectionDb, 'g0', this.options.store.kind);
      await projection.createQueryIndexes(trx as unknown as ProjectionDb, 'g0', this.options.store.kind);
      if (holding) await assertLeaseHeld(trx, holding);
    });
  }

  /** Stops live processing and rebuilds, then releases the leases, so that a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    await this.unsubscribe();
    await this.flushing;
    // Rebuilds stop at their next batch; their shadow tables stay until the next rebuild replaces them.
    await Promise.allSettled([...this.running.values()].map((running) => running.rebuilding?.done));
    await this.adoptions;
    await this.leases?.stop();
  }

  /**
   * Makes sure this process may write `name`: with leases, takes its lease if it is free; throws
   * ProjectionOwnedElsewhereError naming the holder when another process has it.
   */
  async claim(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`unknown projection ${name}`);
    if (!this.leases) return;
    const attempt = await this.leases.acquire(name);
    if (!attempt.acquired) throw new ProjectionOwnedElsewhereError(name, attempt.holder);
  }

  /**
   * Rebuilds one projection into shadow tables and swaps them in; queries keep answering from the old rows meanwhile.
   * With leases it needs the projection's lease (see claim), and holds it to the end.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    await this.claim(name);
    return this.rebuildTogether([this.running.get(name)!], onProgress);
  }

  /** Rebuilds these projections in one pass over `$all`; those already being rebuilt are awaited, not restarted. */
  private rebuildTogether(runnings: readonly Running[], onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    const already = runnings.flatMap((running) => (running.rebuilding ? [running.rebuilding.done] : []));
    const fresh = runnings.filter((running) => !running.rebuilding);
    if (fresh.length === 0) return Promise.all(already).then(() => undefined);
    // Taken once: a lease lost during the rebuild and taken again is a new token, and another process may have
    // written the shadow tables meanwhile; the rebuild must fail rather than go on under it.
    let holdings: LeaseHolding[];
    try {
      holdings = fresh.flatMap((running) => this.holdingOf(running) ?? []);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const fence = async (trx: Transaction<ReadModelSchema>) => {
      for (const holding of holdings) await assertLeaseHeld(trx, holding);
    };
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
          fence,
          logger: this.logger,
        }),
      )
      .then(async () => {
        for (const running of fresh) {
          this.forgetMemory(running);
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
    const leases = readLeases(this.options.store).catch(() => [] as ProjectionLease[]);
    for (const running of this.running.values()) {
      const checkpoint = await readCheckpoint(this.db, running.definition.name);
      const key = checkpoint ? `${checkpoint.position.commit}/${checkpoint.position.prepare}` : 'none';
      if (!lags.has(key)) {
        lags.set(key, lagBehind(this.options.client, this.options.schemas, checkpoint?.position, LAG_CAP, now).catch(() => ({ events: 0, capped: false, seconds: 0 })));
      }
      const lag = await lags.get(key)!;
      const lease = await leases;
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
        lease: lease.find((row) => row.projection === running.definition.name) ?? null,
        subscriptionRestarts: this.restarts,
      });
    }
    return statuses;
  }

  private stateOf(running: Running, lagEvents: number): ProjectionState {
    if (running.rebuilding) return 'rebuilding';
    if (this.stopped) return 'stopped';
    if (!this.owns(running)) return 'standby';
    if (this.reconnecting) return 'reconnecting';
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
    return [...this.running.values()].filter((running) => this.owns(running) && !running.rebuilding && running.checkpoint?.schemaVersion === running.definition.schemaVersion);
  }

  private owns(running: Running): boolean {
    return !this.leases || this.leases.holding(running.definition.name) !== undefined;
  }

  /** The lease to fence a transaction with; undefined without leases; throws when this process does not hold it. */
  private holdingOf(running: Running): LeaseHolding | undefined {
    if (!this.leases) return undefined;
    const holding = this.leases.holding(running.definition.name);
    if (!holding) throw new ProjectionOwnedElsewhereError(running.definition.name, undefined);
    return holding;
  }

  /** What the projection holds in memory may no longer match its rows: start from its tables again. */
  private forgetMemory(running: Running): void {
    running.instance.projection.reset();
    running.instance = { projection: running.definition.create(), loaded: false };
  }

  /**
   * This process now holds the projection's lease (its owner stopped renewing): resume it from its checkpoint as
   * committed by the last owner, read only now, or build it if it has never been built (the owner died building it).
   */
  private adopt(name: string): void {
    const running = this.running.get(name)!;
    this.adoptions = this.adoptions
      .then(async () => {
        if (this.stopped || !this.owns(running)) return;
        let stale = false;
        // Resubscribes from the lowest checkpoint after, which may now be this projection's.
        await this.exclusive(async () => {
          this.forgetMemory(running);
          stale = await this.prepare(running);
        });
        const at = running.checkpoint && `${running.checkpoint.position.commit}/${running.checkpoint.position.prepare}`;
        this.logger.info('took over projection', { projection: name, checkpoint: at ?? null, building: stale });
        if (stale) this.rebuildTogether([running]).catch((error: unknown) => this.giveUp(running, error as Error));
      })
      .catch((error: unknown) => this.giveUp(running, error as Error));
  }

  /** Taking over failed: release the lease, so that another process (or this one, at its next attempt) tries again. */
  private giveUp(running: Running, error: Error): void {
    this.logger.error('could not take over projection; releasing its lease', { projection: running.definition.name, error: error.message });
    this.forgetMemory(running);
    this.leases?.release(running.definition.name).catch(() => undefined);
  }

  /** The lease is gone: the projection is no longer live here; a batch in flight with it fails at its fence. */
  private relinquish(name: string, reason: string): void {
    const running = this.running.get(name)!;
    this.forgetMemory(running);
    this.logger.warn('stopped applying projection: its lease is lost', { projection: name, reason });
    if (this.live().length === 0) void this.unsubscribe();
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
    clearTimeout(this.retryTimer);
    const subscription = this.options.client.subscribeToAll({ fromPosition: lowest === undefined || isBeforeStart(lowest) ? START : lowest, filter: excludeSystemEvents() });
    this.subscription = subscription;
    this.activity.next({ kind: 'subscribed', restart: this.subscriptions++ > 0 });
    // An unsubscribed subscription still delivers what it had in flight (the client cancels its call on the next
    // tick); those events would be applied a second time when the next subscription delivers them again.
    subscription.on('data', (resolved: ResolvedEvent) => {
      if (this.subscription === subscription) this.received(resolved);
    });
    subscription.on('confirmation', () => {
      if (this.subscription === subscription) this.restored();
    });
    subscription.on('caughtUp', () => {
      if (this.subscription !== subscription) return;
      this.restored();
      this.caughtUp = true;
      this.scheduleFlush(0);
    });
    subscription.on('error', (error: Error) => {
      if (this.subscription === subscription) this.resubscribeLater(error.message);
    });
    // A catch-up subscription has no normal end: one that ends was cut off, and must be started again.
    subscription.on('end', () => {
      if (this.subscription === subscription) this.resubscribeLater('the event store ended the subscription');
    });
  }

  /**
   * The event store dropped the subscription (it stopped, fails over, the network broke) or cannot be reached: start
   * again from the checkpoints, after 100 ms, then twice as long each time it fails again, up to
   * maxResubscribeDelayMs. The client opens a new connection for the next call; events buffered but not committed are
   * dropped and come again, as they lie after the checkpoints.
   */
  private resubscribeLater(reason: string): void {
    const dropped = this.subscription;
    this.subscription = undefined;
    this.buffer = [];
    clearTimeout(this.flushTimer);
    void dropped?.unsubscribe().catch(() => undefined);
    this.reconnecting = true;
    this.restarts += 1;
    this.resubscribeDelayMs = Math.min(Math.max(this.resubscribeDelayMs * 2, 100), this.options.maxResubscribeDelayMs ?? 5_000);
    this.logger.warn('projection subscription failed; resubscribing from the checkpoints', { error: reason, retryInMs: this.resubscribeDelayMs, subscriptionRestarts: this.restarts });
    this.activity.next({ kind: 'subscription-failed', error: reason });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.subscribe(), this.resubscribeDelayMs);
  }

  /** The event store answers the subscription again. */
  private restored(): void {
    if (this.reconnecting) this.logger.info('projection subscription restored', { subscriptionRestarts: this.restarts });
    this.reconnecting = false;
    this.resubscribeDelayMs = 0;
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
      if (error instanceof LeaseLostError) {
        // Not a failure of the batch: another process runs that projection now. Go on with the others at once.
        this.logger.warn('batch refused at its commit: the lease was taken over, nothing of the batch was kept', { projection: error.holding.projection, token: error.holding.token, events: batch.length });
        await this.unsubscribe();
        this.leases?.forget(error.holding, 'another process took the lease over');
        this.subscribe();
        return;
      }
      // Revealing, loading or the transaction: whichever failed, the batch is not applied and will be retried.
      this.activity.next({ kind: 'batch-failed', projections: this.live().map((running) => running.definition.name), error: (error as Error).message });
      await this.unsubscribe();
      this.failLater(error as Error);
    }
  }

  /**
   * One transaction: every live projection's rows for the events it has not applied, and its checkpoint; with leases,
   * the fence of each projection written comes last, so a process that lost a lease commits nothing at all.
   */
  private async applyBatch(batch: readonly ProjectedEvent[]): Promise<void> {
    // Taken once: a lease lost meanwhile replaces the instance, and this batch must not mix the two. With leases, a
    // projection goes into the batch only with the holding its fence will check.
    const live = this.live()
      .map((running) => ({ running, instance: running.instance, holding: this.leases?.holding(running.definition.name) }))
      .filter(({ holding }) => !this.leases || holding !== undefined);
    for (const { instance } of live) {
      if (!instance.loaded) {
        await instance.projection.load(this.db as unknown as ProjectionDb);
        instance.loaded = true;
      }
    }
    const applied: [Running, ProjectionCheckpoint][] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        const fences: LeaseHolding[] = [];
        for (const { running, instance, holding } of live) {
          const after = running.checkpoint?.position;
          const events = after === undefined ? batch : batch.filter((event) => comparePositions(event.position, after) > 0);
          if (events.length === 0) continue;
          await instance.projection.apply(events, trx as unknown as ProjectionDb, this.options.store.kind);
          const last = events[events.length - 1].position;
          const eventsApplied = (running.checkpoint?.eventsApplied ?? 0) + events.length;
          const generation = running.checkpoint?.generation ?? 1;
          await writeCheckpoint(trx, running.definition.name, last, eventsApplied, { schemaVersion: running.definition.schemaVersion, generation });
          applied.push([running, { projection: running.definition.name, position: last, eventsApplied, updatedAt: new Date().toISOString(), schemaVersion: running.definition.schemaVersion, generation }]);
          if (holding) fences.push(holding);
        }
        for (const holding of fences) await assertLeaseHeld(trx, holding);
      });
    } catch (error) {
      // The rows are rolled back; so must be what the projections hold in memory.
      for (const { instance } of live) {
        instance.projection.reset();
        instance.loaded = false;
      }
      if (!(error instanceof LeaseLostError)) {
        for (const { running } of live) {
          await recordProjectionError(this.db, running.definition.name, (error as Error).message).catch(() => undefined);
        }
      }
      throw error;
    }
    for (const [running, checkpoint] of applied) {
      this.activity.next({ kind: 'applied', projection: running.definition.name, events: checkpoint.eventsApplied - (running.checkpoint?.eventsApplied ?? 0), position: checkpoint.position });
      running.checkpoint = checkpoint;
    }
    this.publishPositions();
  }

  private failLater(error: Error): void {
    this.failed = true;
    this.restarts += 1;
    this.retryDelayMs = Math.min(Math.max(this.retryDelayMs * 2, 250), this.options.maxRetryDelayMs ?? 30_000);
    this.logger.error('projection batch failed; retrying from the checkpoints', { error: error.message, retryInMs: this.retryDelayMs, subscriptionRestarts: this.restarts });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.unsubscribe().then(() => this.subscribe());
    }, this.retryDelayMs);
  }

  private publishPositions(): void {
    this.positions.next(new Map([...this.running.values()].map((running) => [running.definition.name, running.checkpoint?.position])));
  }
}
