// The only public face of @app/read-model.
export { openReadModelDatabase } from './read-model-database';
export type { OpenReadModelOptions, ReadModelDatabase } from './read-model-database';
export { migrateReadModel } from './read-model-migrations';
export type { ReadModelSchema, PersonalDataKeyTable, ProjectionCheckpointTable, ProjectionLeaseTable } from './read-model-schema';
export { readModelTargetFrom, SQLITE_FILE_NAME } from './read-model-target';
export type { ReadModelTarget } from './read-model-target';
export { deleteCheckpoint, readCheckpoint, recordProjectionError, writeCheckpoint } from './projection-checkpoints';
export type { CheckpointDetails, ProjectionCheckpoint } from './projection-checkpoints';
export { acquireLease, assertLeaseHeld, LeaseLostError, readLeases, releaseLease, renewLease } from './projection-leases';
export type { LeaseHolding, ProjectionLease } from './projection-leases';
export { isMissingTableError } from './missing-table';
