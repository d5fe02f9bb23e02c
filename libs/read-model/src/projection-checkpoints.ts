import type { Kysely, Transaction } from 'kysely';
import type { ReadModelSchema } from './read-model-schema';

/** Where a projection stands in `$all`: the position of the last event whose effects are in its rows. */
export interface ProjectionCheckpoint {
  projection: string;
  position: { commit: bigint; prepare: bigint };
  eventsApplied: number;
  updatedAt: string;
  schemaVersion: number;
  generation: number;
  lastError?: { message: string; at: string };
}

export async function readCheckpoint(db: Kysely<ReadModelSchema>, projection: string): Promise<ProjectionCheckpoint | undefined> {
  const row = await db.selectFrom('projection_checkpoints').selectAll().where('projection', '=', projection).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    projection: row.projection,
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at,
    schemaVersion: Number(row.schema_version),
    generation: Number(row.generation),
    ...(row.last_error ? { lastError: { message: row.last_error, at: row.last_error_at ?? row.updated_at } } : {}),
  };
}

export interface CheckpointDetails {
  schemaVersion?: number;
  generation?: number;
  now?: Date;
}

/**
 * Records how far a projection got, inside the same transaction as the rows it wrote for those events: both are
 * committed or neither is, so after a crash the projection neither applies an event twice nor skips one. Clears the
 * last error: the projection is moving again.
 */
export async function writeCheckpoint(
  trx: Transaction<ReadModelSchema> | Kysely<ReadModelSchema>,
  projection: string,
  position: { commit: bigint; prepare: bigint },
  eventsApplied: number,
  details: CheckpointDetails | Date = {},
): Promise<void> {
  const { now = new Date(), schemaVersion, generation } = details instanceof Date ? { now: details } : details;
  const row = {
    projection,
    commit_position: position.commit.toString(),
    prepare_position: position.prepare.toString(),
    events_applied: eventsApplied,
    updated_at: now.toISOString(),
    last_error: null,
    last_error_at: null,
    ...(schemaVersion === undefined ? {} : { schema_version: schemaVersion }),
    ...(generation === undefined ? {} : { generation }),
  };
  const { projection: _key, ...update } = row;
  await trx
    .insertInto('projection_checkpoints')
    .values(row)
    .onConflict((conflict) => conflict.column('projection').doUpdateSet(update))
    .execute();
}

/** Keeps the error a projection stopped on, for its status; its position stays where the last good batch left it. */
export async function recordProjectionError(db: Kysely<ReadModelSchema>, projection: string, message: string, now: Date = new Date()): Promise<void> {
  await db
    .updateTable('projection_checkpoints')
    .set({ last_error: message.slice(0, 2000), last_error_at: now.toISOString() })
    .where('projection', '=', projection)
    .execute();
}

export async function deleteCheckpoint(db: Kysely<ReadModelSchema>, projection: string): Promise<void> {
  await db.deleteFrom('projection_checkpoints').where('projection', '=', projection).execute();
}
