import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';

/**
 * Every schema change, in order, written once for both databases (Kysely's schema builder emits each dialect's
 * DDL). Never edit a migration that has shipped: add the next one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-projection-checkpoints': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('projection', 'text', (column) => column.primaryKey())
        .addColumn('commit_position', 'text', (column) => column.notNull())
        .addColumn('prepare_position', 'text', (column) => column.notNull())
        .addColumn('events_applied', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
    },
  },
  '0002-projection-generations': {
    // Rebuilds write shadow tables and swap them in; a checkpoint says which schema version and generation its rows
    // are, and the last error the projection met.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('projection_checkpoints').addColumn('schema_version', 'integer', (column) => column.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('projection_checkpoints').addColumn('generation', 'integer', (column) => column.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('projection_checkpoints').addColumn('last_error', 'text').execute();
      await db.schema.alterTable('projection_checkpoints').addColumn('last_error_at', 'text').execute();
    },
  },
  '0003-personal-data-keys': {
    // Each person's data key (base64), which seals their personal fields in the events (@app/personal-data). Kept
    // here, outside the event store, so that destroying it (key NULL, erased_at set: a tombstone) erases the person
    // without touching the log. No projection owns it: rebuilds never drop it.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('personal_data_keys')
        .addColumn('person_id', 'text', (column) => column.primaryKey())
        .addColumn('key', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('erased_at', 'text')
        .execute();
    },
  },
  '0004-projection-leases': {
    // Who runs each projection: one row per projection, taken over by another process only once it has expired,
    // and a fencing token that grows with every change of owner, checked in every transaction that writes the
    // projection's rows (see projection-leases.ts). Times are milliseconds of the database's clock. Rows are never
    // deleted: a fresh row would start the token again at 1, and a stale owner holding 1 could commit again.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('projection_leases')
        .addColumn('projection', 'text', (column) => column.primaryKey())
        .addColumn('owner', 'text', (column) => column.notNull())
        .addColumn('token', 'bigint', (column) => column.notNull())
        .addColumn('acquired_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('renewed_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; safe to run at every start and from several processes (Kysely locks the run). */
export async function migrateReadModel(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
