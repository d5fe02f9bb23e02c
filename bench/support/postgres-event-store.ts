import { randomBytes } from 'node:crypto';
import type { EventData } from '@eventstore/db-client';
import { Pool } from 'pg';
import { withPostgresClient } from './postgres-client';

/**
 * PostgreSQL used as an event store, as teams do when they have PostgreSQL and no EventStoreDB: one table, a global
 * position from a sequence, a unique (stream, revision) pair for optimistic concurrency, event ids unique, payloads
 * as JSONB. Each append is one statement in its own transaction, committed with `synchronous_commit = on` and
 * `fsync = on` (checked at start): acknowledged means on disk, the same promise the embedded node makes.
 * This exists for `npm run bench:event-stores` only; the product's event store is EventStoreDB's protocol.
 */
export class PostgresEventStore {
  private constructor(
    private readonly pool: Pool,
    private readonly adminUrl: string,
    readonly database: string,
  ) {}

  /** A fresh database on the server `adminUrl` names, with the events table; dropped again by `drop()`. */
  static async create(adminUrl: string, connections: number): Promise<PostgresEventStore> {
    const database = `kontakt_bench_events_${randomBytes(4).toString('hex')}`;
    await withPostgresClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const pool = new Pool({ connectionString: url.toString(), max: connections });
    // An idle connection ended by the server must not crash the benchmark (pg emits it as an 'error' event).
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, adminUrl, database);
    await store.assertDurable();
    await pool.query(`
      CREATE TABLE events (
        position    bigserial PRIMARY KEY,
        stream_id   text        NOT NULL,
        revision    bigint      NOT NULL,
        event_id    uuid        NOT NULL UNIQUE,
        type        text        NOT NULL,
        data        jsonb       NOT NULL,
        metadata    jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, revision)
      )`);
    return store;
  }

  /**
   * Appends `events` to the end of `streamId` (any expected revision) in one statement: the stream's head is read and
   * the rows inserted atomically; a concurrent append to the same stream fails on the unique (stream, revision) key,
   * as a wrong expected revision would.
   */
  async append(streamId: string, events: readonly EventData[]): Promise<void> {
    await this.pool.query(
      `WITH head AS (SELECT coalesce(max(revision), -1) AS revision FROM events WHERE stream_id = $1)
       INSERT INTO events (stream_id, revision, event_id, type, data, metadata)
       SELECT $1, head.revision + batch.ordinal, batch.event_id, batch.type, batch.data, batch.metadata
       FROM head, unnest($2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY AS batch(event_id, type, data, metadata, ordinal)`,
      [
        streamId,
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => (event.metadata === undefined ? null : JSON.stringify(event.metadata))),
      ],
    );
  }

  /**
   * Reads the whole log forwards in position order, `pageSize` rows per query (keyset paging, as a catch-up reader
   * does), decoding each payload as the client decodes an EventStoreDB event. Returns the number of events read.
   */
  async readAll(pageSize: number): Promise<number> {
    let after = '0';
    let events = 0;
    for (;;) {
      const page = await this.pool.query<{ position: string; stream_id: string; revision: string; event_id: string; type: string; data: unknown }>(
        'SELECT position, stream_id, revision, event_id, type, data FROM events WHERE position > $1 ORDER BY position LIMIT $2',
        [after, pageSize],
      );
      events += page.rows.length;
      if (page.rows.length < pageSize) return events;
      after = page.rows[page.rows.length - 1].position;
    }
  }

  async drop(): Promise<void> {
    await this.pool.end();
    await withPostgresClient(this.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`));
  }

  /** Refuses to compare against a server that acknowledges commits before they are on disk. */
  private async assertDurable(): Promise<void> {
    for (const setting of ['fsync', 'synchronous_commit']) {
      const { rows } = await this.pool.query<Record<string, string>>(`SHOW ${setting}`);
      const value = rows[0][setting];
      if (value !== 'on') throw new Error(`PostgreSQL has ${setting} = ${value}; the comparison needs it on (durable commits)`);
    }
  }
}
