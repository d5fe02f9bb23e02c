import { kontaktEventSchemas } from '@app/event-store';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { KONTAKT_PROJECTIONS, leaseOwnerId, ProjectionEngine, ProjectionOwnedElsewhereError, type RebuildProgress } from '@app/projections';
import { formatRebuildSummary, RebuildProgressBar, type StderrWriter } from '@app/terminal';
import type { ProjectorLogger } from '../json-line-logger';
import type { ProjectorConnections } from '../projector-connections';
import { shutdownSignal } from '../shutdown-signal';

/**
 * `rebuild`: the named projections, one after another, each from the whole log into shadow tables and swapped in.
 * A signal stops the rebuild in progress at its next batch; its shadow tables are dropped by the next rebuild. Each
 * rebuild takes the projection's lease, so that no worker runs it meanwhile, and is refused while another process
 * holds it; the leases are released at the end, and the workers take the projections back.
 */
export async function rebuildProjections(
  names: readonly string[],
  { client, store }: ProjectorConnections,
  logger: ProjectorLogger,
  writer: StderrWriter,
  leaseTtlMs: number,
  stdout: Pick<NodeJS.WriteStream, 'write'> = process.stdout,
): Promise<number> {
  const engine = new ProjectionEngine({
    client,
    store,
    definitions: KONTAKT_PROJECTIONS,
    schemas: kontaktEventSchemas(),
    revealer: new PersonalDataRevealer(new PersonalDataKeyStore(store)),
    logger,
    lease: { owner: leaseOwnerId('rebuild'), ttlMs: leaseTtlMs },
  });
  let interrupted: NodeJS.Signals | undefined;
  void shutdownSignal(logger).then((signal) => {
    interrupted = signal;
    logger.warn('stopping the rebuild', { signal });
    void engine.stop();
  });

  try {
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
        else if (error instanceof ProjectionOwnedElsewhereError) logger.error('rebuild refused: another process runs the projection', { projection: name, owner: error.holder?.owner ?? null, error: error.message });
        else logger.error('rebuild failed; the projection keeps its previous rows', { projection: name, error: (error as Error).message });
        return 1;
      }
      bar.finish(last);
      stdout.write(`${formatRebuildSummary(name, last?.eventsApplied ?? 0, (Date.now() - startedMs) / 1000)}\n`);
    }
    return 0;
  } finally {
    // Gives the leases back: the workers take the projections over at their next attempt.
    await engine.stop();
  }
}
