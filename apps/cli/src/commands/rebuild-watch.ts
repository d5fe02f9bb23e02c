import type { KontaktClient } from '@app/api-client';
import type { ProjectionStatus, RebuildProgress } from '@app/projections';
import { RebuildProgressBar, type StderrWriter } from '@app/terminal';

/** How often the projection's status is asked for while it rebuilds. */
export const POLL_MS = 250;

/** The API ran the rebuild, but it did not complete; the projection keeps its previous rows. */
export class RebuildFailedError extends Error {
  override readonly name = 'RebuildFailedError';
}

export interface RebuildOutcome {
  status: ProjectionStatus;
  seconds: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a rebuild in the API and follows it until the projection is live again: `POST /projections/:name/rebuild`,
 * then `GET /projections/:name` every POLL_MS, its rebuild progress drawn as the projector's own bar. A rebuild
 * that ends without a new generation of the projection's tables did not complete.
 */
export async function rebuildAndWatch(client: KontaktClient, name: string, writer: StderrWriter, now: () => number = Date.now): Promise<RebuildOutcome> {
  const path = `/projections/${encodeURIComponent(name)}`;
  const before = (await client.get<ProjectionStatus>(path)).body;
  const startedMs = now();
  const bar = new RebuildProgressBar(name, writer);
  let status = (await client.post<ProjectionStatus>(`${path}/rebuild`)).body;
  let last: RebuildProgress | undefined;
  while (status.state === 'rebuilding') {
    if (status.rebuild) bar.update((last = status.rebuild));
    await sleep(POLL_MS);
    status = (await client.get<ProjectionStatus>(path)).body;
  }
  const seconds = (now() - startedMs) / 1000;
  if (status.generation <= before.generation) {
    bar.finish(last && { ...last, phase: 'failed' });
    const why = last?.error ?? status.lastError?.message ?? `it is ${status.state} at generation ${status.generation}`;
    throw new RebuildFailedError(`rebuild of ${name} did not complete: ${why}; the projection keeps its previous rows`);
  }
  // Polls may all have missed the rebuild of a small store; what it did is known from the status that follows it.
  const events = status.eventsApplied;
  bar.finish({ phase: 'done', eventsApplied: events, eventsPerSecond: seconds > 0 ? events / seconds : events, fraction: 1, etaSeconds: 0, startedAt: last?.startedAt ?? new Date(startedMs).toISOString() });
  // The swap resumes live processing from the new checkpoint: live once it has caught up with the log.
  while (status.state !== 'live') {
    if (status.state === 'failed') throw new RebuildFailedError(`${name} was rebuilt, but live processing failed after it: ${status.lastError?.message ?? 'no error recorded'}`);
    await sleep(POLL_MS);
    status = (await client.get<ProjectionStatus>(path)).body;
  }
  return { status, seconds };
}
