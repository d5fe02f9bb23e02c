import type { ProjectionLease } from '@app/read-model';

/** Another process holds the projection's lease, so this one may not write it (a rebuild asked for here, say). */
export class ProjectionOwnedElsewhereError extends Error {
  readonly code = 'PROJECTION_OWNED_ELSEWHERE';
  override readonly name = 'ProjectionOwnedElsewhereError';

  constructor(
    readonly projection: string,
    readonly holder: ProjectionLease | undefined,
  ) {
    super(
      holder
        ? `projection ${projection} is run by ${holder.owner} (lease token ${holder.token}, renewed ${holder.renewedAt}, expires ${holder.expiresAt}): ` +
            'rebuild it in that process (POST /projections/:name/rebuild on the API that runs it), or stop every process that runs it, then rebuild'
        : `projection ${projection} is run by another process: stop every process that runs it, then rebuild`,
    );
  }
}
