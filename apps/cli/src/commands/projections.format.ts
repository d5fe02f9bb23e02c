import type { ProjectionStatus } from '@app/projections';
import { formatBar, formatCount, formatTable, oneLine } from '@app/terminal';

/** The projections as the API runs them: state, checkpoint, events applied, lag, a rebuild's progress, last error. */
export function formatProjectionsTable(projections: readonly ProjectionStatus[]): string {
  return formatTable(
    ['PROJECTION', 'STATE', 'CHECKPOINT', 'EVENTS APPLIED', 'LAG EVENTS', 'LAG SECONDS', 'REBUILD', 'LAST ERROR'],
    projections.map((projection) => [
      projection.name,
      projection.state,
      projection.checkpoint ? projection.checkpoint.commit : '-',
      formatCount(projection.eventsApplied),
      `${formatCount(projection.lag.events)}${projection.lag.eventsCapped ? '+' : ''}`,
      projection.lag.seconds.toFixed(1),
      projection.rebuild ? `${projection.rebuild.phase} ${formatBar(projection.rebuild.fraction)}` : '-',
      projection.lastError ? `${projection.lastError.at} ${oneLine(projection.lastError.message, 120)}` : '-',
    ]),
  );
}
