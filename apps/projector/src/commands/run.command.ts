import { kontaktEventSchemas } from '@app/event-store';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { KONTAKT_PROJECTIONS, ProjectionEngine } from '@app/projections';
import type { ProjectorLogger } from '../json-line-logger';
import type { ProjectorConnections } from '../projector-connections';
import { shutdownSignal } from '../shutdown-signal';

type Startup = { kind: 'started' } | { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'failed'; error: Error };

/**
 * `run`: every projection, live, until SIGINT or SIGTERM. The engine retries failed batches and lost subscriptions on
 * its own; only a failure to start (a first build that fails) ends the process with an error.
 */
export async function runProjections({ client, store }: ProjectorConnections, logger: ProjectorLogger): Promise<number> {
  const engine = new ProjectionEngine({ client, store, definitions: KONTAKT_PROJECTIONS, schemas: kontaktEventSchemas(), revealer: new PersonalDataRevealer(new PersonalDataKeyStore(store)), logger });
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
    return 1;
  }
  if (outcome.kind === 'started') logger.info('projections running', { projections: engine.names });
  const received = outcome.kind === 'signal' ? outcome.signal : await signal;

  logger.info('stopping projections', { signal: received });
  await engine.stop();
  // A start cut short by the signal ends in "stopped"; that is what was asked for.
  await startup.catch(() => undefined);
  moved.unsubscribe();
  logger.info('projections stopped');
  return 0;
}
