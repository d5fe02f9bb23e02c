import type { Generated } from 'kysely';

/**
 * The tables of the read-model store, the same in SQLite and PostgreSQL. Positions in `$all` are kept as decimal text:
 * they are 64-bit unsigned in EventStoreDB and are only compared in code, never in SQL.
 */
export interface ReadModelSchema {
  projection_checkpoints: ProjectionCheckpointTable;
  personal_data_keys: PersonalDataKeyTable;
}

export interface ProjectionCheckpointTable {
  projection: string;
  commit_position: string;
  prepare_position: string;
  /** Events this projection has applied since it was (re)built. */
  events_applied: number;
  updated_at: string;
  /** The projection's schema version when these rows were written; another version is rebuilt. */
  schema_version: Generated<number>;
  /** Rebuilds so far + 1; suffixes index names, which must be unique in the database. */
  generation: Generated<number>;
  last_error: string | null;
  last_error_at: string | null;
}

/** One person's data key (see @app/personal-data); `key` is NULL once destroyed, when the person was erased. */
export interface PersonalDataKeyTable {
  person_id: string;
  /** 32 bytes, base64. */
  key: string | null;
  created_at: string;
  erased_at: string | null;
}
