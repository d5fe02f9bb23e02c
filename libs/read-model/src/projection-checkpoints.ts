import type { Kysely, Transaction } from 'kysely';
import type { ReadModelSchema } from './read-model-schema';

/** Where a projection stands in `$all`: the position of the last event whose effects are in its rows. */
export interface ProjectionCheckpoint {
  projection: string;
  position: { commit: bigint; prepare: bigint };
  eventsApplied: number;
  updatedAt: string;
}

export async function readCheckpoint(db: Kysely<ReadModelSchema>, projection: string): Promise<ProjectionCheckpoint | undefined> {
  const row = await db.selectFrom('projection_checkpoints').selectAll().where('projection', '=', projection).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    projection: row.projection,
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at,
  };
}

/**
 * Records how far a projection got, inside the same transaction as the rows it wrote for those events: both are
 * committed or neither is, so after a crash the projection neither applies an event twice nor skips one.
 */
export async function writeCheckpoint(
  trx: Transaction<ReadModelSchema>,
  projection: string,
  position: { commit: bigint; prepare: bigint },
  eventsApplied: number,
  now: Date = new Date(),
): Promise<void> {
  const row = {
    projection,
    commit_position: position.commit.toString(),
    prepare_position: position.prepare.toString(),
    events_applied: eventsApplied,
    updated_at: now.toISOString(),
  };
  await trx
    .insertInto('projection_checkpoints')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('projection').doUpdateSet({
        commit_position: row.commit_position,
        prepare_position: row.prepare_position,
        events_applied: row.events_applied,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
