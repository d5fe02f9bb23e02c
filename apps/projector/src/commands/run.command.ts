import { kontaktEventSchemas } from '@app/event-store';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import type { MetricsEndpoint } from '@app/metrics';
import { KONTAKT_PROJECTIONS, leaseOwnerId, ProjectionEngine } from '@app/projections';
import type { ProjectorLogger } from '../json-line-logger';
import type { ProjectorConnections } from '../projector-connections';
import { serveProjectorMetrics } from '../projector-metrics';
import { shutdownSignal } from '../shutdown-signal';

type Startup = { kind: 'started' } | { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'failed'; error: Error };

/** Which projections this worker runs (all, unless the command line names some) and how long its leases last. */
export interface RunOptions {
  projections: readonly string[];
  leaseTtlMs: number;
}

/**
 * `run`: the projections, live, until SIGINT or SIGTERM. The engine retries failed batches and lost subscriptions on
 * its own; only a failure to start (a first build that fails) ends the process with an error. Several workers (and
 * APIs with PROJECTIONS=on) may run side by side: each projection is run by whichever holds its lease, the others
 * stand by and take over when that one stops renewing it; a graceful stop releases the leases at once. With
 * `metrics`, serves GET /metrics there from the start (a first build is worth watching) until the engine has stopped.
 */
export async function runProjections(
  { client, store }: ProjectorConnections,
  logger: ProjectorLogger,
  metrics: MetricsEndpoint | undefined,
  { projections, leaseTtlMs }: RunOptions,
): Promise<number> {
  const engine = new ProjectionEngine({
    client,
    store,
    definitions: KONTAKT_PROJECTIONS.filter((definition) => projections.includes(definition.name)),
    schemas: kontaktEventSchemas(),
    revealer: new PersonalDataRevealer(new PersonalDataKeyStore(store)),
    logger,
    lease: { owner: leaseOwnerId('projector'), ttlMs: leaseTtlMs },
  });
  const metricsServer = metrics && (await serveProjectorMetrics(engine, metrics, logger));
  const signal = shutdownSignal(logger);
  const moved = engine.positions.subscribe((positions) => {
    if (positions.size > 0) logger.debug('checkpoints moved', { positions: Object.fromEntries([...positions].map(([name, position]) => [name, position && `${position.commit}/${position.prepare}`])) });
  });

  const startup = engine.start();
  const outcome = await Promise.race<Startup>([
    startup.then(() => ({ kind: 'started' })),
    signal.then((received) => ({ kind: 'signal', signal: received })),
  ]).catch((error: unknown) => ({ kind: 'failed', error: error as Error }) satisfies Startup);

  if (outcome.kind === 'failed') {
    logger.error('projections failed to start', { error: outcome.error.message });
    await engine.stop();
    moved.unsubscribe();
    await metricsServer?.close();
    return 1;
  }
  if (outcome.kind === 'started') logger.info('projections running', { projections: engine.names, owned: engine.ownedProjections() });
  const received = outcome.kind === 'signal' ? outcome.signal : await signal;

  logger.info('stopping projections', { signal: received });
  await engine.stop();
  // A start cut short by the signal ends in "stopped"; that is what was asked for.
  await startup.catch(() => undefined);
  moved.unsubscribe();
  await metricsServer?.close();
  logger.info('projections stopped');
  return 0;
}
