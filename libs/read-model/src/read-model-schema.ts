import type { ColumnType, Generated } from 'kysely';

/**
 * The tables of the read-model store, the same in SQLite and PostgreSQL. Positions in `$all` are kept as decimal text:
 * they are 64-bit unsigned in EventStoreDB and are only compared in code, never in SQL.
 */
export interface ReadModelSchema {
  projection_checkpoints: ProjectionCheckpointTable;
  personal_data_keys: PersonalDataKeyTable;
  projection_leases: ProjectionLeaseTable;
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

/**
 * Which process runs a projection, until when (see projection-leases.ts). Times are milliseconds since the epoch by
 * the database's clock; bigint columns come back as numbers from SQLite and as decimal text from PostgreSQL.
 */
export interface ProjectionLeaseTable {
  projection: string;
  /** The process holding (or that last held) the lease: `<role>@<host>/<pid>/<random>`. */
  owner: string;
  /** Fencing token: 1 for the first owner, one more at every takeover. */
  token: ColumnType<number | string, number, number>;
  acquired_at_ms: ColumnType<number | string, number, number>;
  renewed_at_ms: ColumnType<number | string, number, number>;
  /** 0 once released: free at once. */
  expires_at_ms: ColumnType<number | string, number, number>;
}
