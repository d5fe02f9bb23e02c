import type { ProjectionEngine, ProjectionStatus } from '@app/projections';
import { Counter, Gauge, type Registry } from 'prom-client';
import { sharedWhilePending } from './shared-while-pending';

/** What the metrics read of an engine: its activity as it happens, its status when scraped. */
export type ObservedProjectionEngine = Pick<ProjectionEngine, 'activity' | 'status'>;

export interface ProjectionEngineMetrics {
  /** Stops counting (the gauges stay registered, and answer from the engine's status). */
  stop(): void;
}

/**
 * The projection metrics, from the outside of the engine: counters follow its `activity`, gauges read its `status()`
 * once per scrape (position, lag, state). The same for the API (PROJECTIONS=on) and the projector worker.
 */
export function observeProjectionEngine(engine: ObservedProjectionEngine, registry: Registry): ProjectionEngineMetrics {
  const registers = [registry];
  const applied = new Counter({
    name: 'kontakt_projection_events_applied_total',
    help: 'Events applied by live batches of this process, per projection (a rebuild reports its progress in GET /projections instead)',
    labelNames: ['projection'],
    registers,
  });
  const errors = new Counter({
    name: 'kontakt_projection_errors_total',
    help: 'Live batches that failed and were rolled back, per projection; the engine retries them from the checkpoints',
    labelNames: ['projection'],
    registers,
  });
  const subscriptionErrors = new Counter({
    name: 'kontakt_projection_subscription_errors_total',
    help: 'Failures of the subscription to $all (a lost connection, a server error)',
    registers,
  });
  const restarts = new Counter({
    name: 'kontakt_projection_subscription_restarts_total',
    help: 'Subscriptions to $all opened again after the first: retries after a failure, resumptions after a rebuild swapped tables in',
    registers,
  });

  // One status() per scrape, however many gauges read it (prom-client collects them all at once).
  const status = sharedWhilePending(() => engine.status().catch((): ProjectionStatus[] | undefined => undefined));
  const gauge = (name: string, help: string, value: (status: ProjectionStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers,
      async collect() {
        this.reset();
        for (const projection of (await status()) ?? []) this.set({ projection: projection.name }, value(projection));
      },
    });
  gauge('kontakt_projection_checkpoint_position', 'Commit position in $all of the last event the projection applied (0: none yet)', (projection) =>
    Number(projection.checkpoint?.commit ?? 0),
  );
  gauge('kontakt_projection_lag_events', 'Events in $all after the checkpoint (counted up to 10,000)', (projection) => projection.lag.events);
  gauge('kontakt_projection_lag_seconds', 'How long ago the oldest event the projection has not applied was recorded (0 when caught up)', (projection) => projection.lag.seconds);
  new Gauge({
    name: 'kontakt_projection_state',
    help: 'The projection\'s state: 1 for the state it is in (starting, catching-up, live, rebuilding, failed, stopped)',
    labelNames: ['projection', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const projection of (await status()) ?? []) this.set({ projection: projection.name, state: projection.state }, 1);
    },
  });

  const subscription = engine.activity.subscribe((activity) => {
    switch (activity.kind) {
      case 'applied':
        applied.inc({ projection: activity.projection }, activity.events);
        return;
      case 'batch-failed':
        for (const projection of activity.projections) errors.inc({ projection });
        return;
      case 'subscribed':
        if (activity.restart) restarts.inc();
        return;
      case 'subscription-failed':
        subscriptionErrors.inc();
        return;
    }
  });
  return { stop: () => subscription.unsubscribe() };
}
