import type { ProjectionStatus } from '@app/projections';
import type { ProjectionCheckpoint, ProjectionLease } from '@app/read-model';

/**
 * What the stored projection is, seen from outside the process that runs it: `not-built` (no checkpoint yet),
 * `outdated` (built by another schema version; `run` rebuilds it), `failed` (its last batch failed and is retried),
 * `up-to-date` or `behind` the head of the log.
 */
export type StoredProjectionState = 'not-built' | 'outdated' | 'failed' | 'up-to-date' | 'behind';

export interface ProjectionReport {
  name: string;
  state: StoredProjectionState;
  schemaVersion: number;
  storedSchemaVersion: number | null;
  generation: number;
  checkpoint: { commit: string; prepare: string } | null;
  eventsApplied: number;
  updatedAt: string | null;
  lag: ProjectionStatus['lag'];
  lastError: ProjectionStatus['lastError'];
  /** The process running it now (its lease has not expired); null when none does. */
  owner: string | null;
  /** The lease row as stored: the owner and when it was last renewed, or the last owner of a lease run out. */
  lease: ProjectionLease | null;
}

export function projectionReport(status: ProjectionStatus, stored: ProjectionCheckpoint | undefined): ProjectionReport {
  return {
    name: status.name,
    state: storedState(status, stored),
    schemaVersion: status.schemaVersion,
    storedSchemaVersion: stored?.schemaVersion ?? null,
    generation: status.generation,
    checkpoint: status.checkpoint,
    eventsApplied: status.eventsApplied,
    updatedAt: status.updatedAt,
    lag: status.lag,
    lastError: status.lastError,
    owner: status.lease?.held ? status.lease.owner : null,
    lease: status.lease ?? null,
  };
}

function storedState(status: ProjectionStatus, stored: ProjectionCheckpoint | undefined): StoredProjectionState {
  if (stored === undefined) return 'not-built';
  if (stored.schemaVersion !== status.schemaVersion) return 'outdated';
  if (status.lastError) return 'failed';
  return status.lag.events === 0 ? 'up-to-date' : 'behind';
}
