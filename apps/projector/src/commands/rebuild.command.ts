import { kontaktEventSchemas } from '@app/event-store';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { KONTAKT_PROJECTIONS, ProjectionEngine, type RebuildProgress } from '@app/projections';
import type { ProjectorLogger } from '../json-line-logger';
import type { ProjectorConnections } from '../projector-connections';
import { formatRebuildSummary, RebuildProgressBar } from '../rebuild-progress-bar';
import { shutdownSignal } from '../shutdown-signal';
import type { StderrWriter } from '../stderr-writer';

/**
 * `rebuild`: the named projections, one after another, each from the whole log into shadow tables and swapped in.
 * A signal stops the rebuild in progress at its next batch; its shadow tables are dropped by the next rebuild.
 */
export async function rebuildProjections(
  names: readonly string[],
  { client, store }: ProjectorConnections,
  logger: ProjectorLogger,
  writer: StderrWriter,
  stdout: Pick<NodeJS.WriteStream, 'write'> = process.stdout,
): Promise<number> {
  const engine = new ProjectionEngine({ client, store, definitions: KONTAKT_PROJECTIONS, schemas: kontaktEventSchemas(), revealer: new PersonalDataRevealer(new PersonalDataKeyStore(store)), logger });
  let interrupted: NodeJS.Signals | undefined;
  void shutdownSignal(logger).then((signal) => {
    interrupted = signal;
    logger.warn('stopping the rebuild', { signal });
    void engine.stop();
  });

  for (const name of names) {
    const bar = new RebuildProgressBar(name, writer);
    const startedMs = Date.now();
    let last: RebuildProgress | undefined;
    try {
      await engine.rebuild(name, (progress) => {
        last = progress;
        bar.update(progress);
      });
    } catch (error) {
      bar.finish(last);
      if (interrupted) logger.warn('rebuild interrupted; the projection keeps its previous rows', { projection: name, signal: interrupted });
      else logger.error('rebuild failed; the projection keeps its previous rows', { projection: name, error: (error as Error).message });
      return 1;
    }
    bar.finish(last);
    stdout.write(`${formatRebuildSummary(name, last?.eventsApplied ?? 0, (Date.now() - startedMs) / 1000)}\n`);
  }
  return 0;
}
