import type { ProjectionStatus } from '@app/projections';
import type { ProjectionCheckpoint, ProjectionLease } from '@app/read-model';
import { projectionReport } from './projection-report';
import { formatStatusTable } from './status-table';

function status(fields: Partial<ProjectionStatus> = {}): ProjectionStatus {
  return {
    name: 'timeline',
    schemaVersion: 2,
    generation: 1,
    state: 'stopped',
    checkpoint: { commit: '4096', prepare: '4096' },
    eventsApplied: 41_234,
    updatedAt: '2026-01-01T00:00:00.000Z',
    lag: { events: 0, eventsCapped: false, seconds: 0 },
    lastError: null,
    rebuild: null,
    lease: null,
    subscriptionRestarts: 0,
    ...fields,
  };
}

function lease(fields: Partial<ProjectionLease> = {}): ProjectionLease {
  return {
    projection: 'timeline',
    owner: 'projector@host-a/41/0a1b2c',
    token: 3,
    acquiredAt: '2026-01-01T00:00:00.000Z',
    renewedAt: '2026-01-01T00:00:05.000Z',
    expiresAt: '2026-01-01T00:00:20.000Z',
    held: true,
    ...fields,
  };
}

function stored(fields: Partial<ProjectionCheckpoint> = {}): ProjectionCheckpoint {
  return { projection: 'timeline', position: { commit: 4096n, prepare: 4096n }, eventsApplied: 41_234, updatedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 2, generation: 1, ...fields };
}

describe('projectionReport', () => {
  it('is up to date with no lag, and behind with some', () => {
    expect(projectionReport(status(), stored()).state).toBe('up-to-date');
    expect(projectionReport(status({ lag: { events: 3, eventsCapped: false, seconds: 1.5 } }), stored()).state).toBe('behind');
  });

  it('is not built without a checkpoint, and outdated when built by another schema version', () => {
    expect(projectionReport(status({ checkpoint: null }), undefined).state).toBe('not-built');
    expect(projectionReport(status(), stored({ schemaVersion: 1 }))).toMatchObject({ state: 'outdated', schemaVersion: 2, storedSchemaVersion: 1 });
  });

  it('has failed while its last batch failed', () => {
    expect(projectionReport(status({ lastError: { message: 'disk full', at: '2026-01-01T00:00:01.000Z' } }), stored()).state).toBe('failed');
  });
});

describe('formatStatusTable', () => {
  it('lines up one projection per row under a header', () => {
    const reports = [
      projectionReport(status({ lease: lease({ held: true }) }), stored()),
      projectionReport(status({ name: 'status', checkpoint: null, eventsApplied: 0, lag: { events: 10_000, eventsCapped: true, seconds: 86.25 } }), undefined),
      // A lease run out names nobody: the last owner is in the JSON, not in the table.
      projectionReport(status({ name: 'graph', lease: lease({ projection: 'graph', held: false }), lastError: { message: 'SQLITE_FULL:\n  database or disk is full', at: '2026-01-01T00:00:01.000Z' } }), stored({ projection: 'graph' })),
    ];
    expect(formatStatusTable(reports)).toBe(
      [
        'PROJECTION  STATE       CHECKPOINT  EVENTS APPLIED  LAG EVENTS  LAG SECONDS  OWNER                       LAST ERROR',
        'timeline    up-to-date  4096/4096   41,234          0           0.0          projector@host-a/41/0a1b2c  -',
        'status      not-built   -           0               10,000+     86.3         -                           -',
        'graph       failed      4096/4096   41,234          0           0.0          -                           2026-01-01T00:00:01.000Z SQLITE_FULL: database or disk is full',
        '',
      ].join('\n'),
    );
  });
});
