import type { ProjectionStatus } from '@app/projections';
import { formatProjectionsTable } from './projections.format';

function projection(fields: Partial<ProjectionStatus>): ProjectionStatus {
  return {
    name: 'timeline',
    schemaVersion: 1,
    generation: 1,
    state: 'live',
    checkpoint: { commit: '19523', prepare: '19523' },
    eventsApplied: 26,
    updatedAt: '2026-12-01T23:52:09.767Z',
    lag: { events: 0, eventsCapped: false, seconds: 0 },
    lastError: null,
    rebuild: null,
    ...fields,
  };
}

describe('formatProjectionsTable', () => {
  it('shows each projection’s state, checkpoint, lag, rebuild progress and last error', () => {
    expect(
      formatProjectionsTable([
        projection({}),
        projection({ name: 'status', state: 'rebuilding', rebuild: { phase: 'reading', eventsApplied: 10, eventsPerSecond: 5, fraction: 0.5, etaSeconds: 2, startedAt: '2026-12-01T23:52:00.000Z' } }),
        projection({ name: 'graph', state: 'failed', checkpoint: null, eventsApplied: 0, lag: { events: 10_000, eventsCapped: true, seconds: 86.25 }, lastError: { message: 'SQLITE_FULL:\n disk full', at: '2026-12-01T23:53:00.000Z' } }),
      ]),
    ).toBe(
      [
        'PROJECTION  STATE       CHECKPOINT  EVENTS APPLIED  LAG EVENTS  LAG SECONDS  REBUILD                   LAST ERROR',
        'timeline    live        19523       26              0           0.0          -                         -',
        'status      rebuilding  19523       26              0           0.0          reading [#####-----] 50%  -',
        'graph       failed      -           0               10,000+     86.3         -                         2026-12-01T23:53:00.000Z SQLITE_FULL: disk full',
        '',
      ].join('\n'),
    );
  });
});
