import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { ReadModelDatabase } from './read-model-database';
import type { ProjectionLeaseTable, ReadModelSchema } from './read-model-schema';

/**
 * One active owner per projection across processes. A lease is a row of `projection_leases`: who holds it, until when
 * (by the database's clock), and a fencing token. Every statement here is one atomic statement, so two processes
 * racing for a lease cannot both win, on SQLite (one writer at a time) as on PostgreSQL (the row lock makes the loser
 * re-check its WHERE against the winner's row, and find it no longer expired):
 *
 * - acquire: INSERT ... ON CONFLICT DO NOTHING (the first owner ever, token 1), else UPDATE ... WHERE it has expired
 *   (token + 1);
 * - renew: UPDATE ... WHERE owner and token are still ours;
 * - release: the same, setting the expiry to 0, so a standby may take it at once;
 * - fence (assertLeaseHeld): inside the transaction that writes a batch's rows and checkpoint, an UPDATE of the lease
 *   row WHERE owner and token are ours. No match: the lease was taken over, and the transaction must roll back.
 *
 * Exactly-once does not rest on clocks: a takeover always changes the token, and a commit needs the token it started
 * with, so a paused owner (GC, SIGSTOP, a lost network) that wakes after a takeover cannot commit anything. Clocks only
 * decide when a lease may be taken over. They are the database's: all expiries are written and compared in SQL, so
 * processes on hosts whose clocks disagree still agree on them. (SQLite's clock is the one machine's the file is on.)
 */
export interface ProjectionLease {
  projection: string;
  owner: string;
  token: number;
  acquiredAt: string;
  renewedAt: string;
  expiresAt: string;
  /** It had not expired, by the database's clock, when read. */
  held: boolean;
}

/** What a process needs to prove it still holds a lease. */
export interface LeaseHolding {
  projection: string;
  owner: string;
  token: number;
}

/** The lease a process wrote under is no longer its own: another process took the projection over. */
export class LeaseLostError extends Error {
  readonly code = 'PROJECTION_LEASE_LOST';
  override readonly name = 'LeaseLostError';

  constructor(readonly holding: LeaseHolding) {
    super(`the lease on projection ${holding.projection} (token ${holding.token}) is no longer held by ${holding.owner}: another process took it over`);
  }
}

/** Takes the lease if nobody holds it (never held, released, or expired); undefined when another process holds it. */
export async function acquireLease(store: ReadModelDatabase, projection: string, owner: string, ttlMs: number): Promise<ProjectionLease | undefined> {
  const now = databaseNowMs(store);
  const expires = sql<number>`${now} + ${ttlMs}`;
  const inserted = await store.db
    .insertInto('projection_leases')
    .values({ projection, owner, token: 1, acquired_at_ms: now, renewed_at_ms: now, expires_at_ms: expires })
    .onConflict((conflict) => conflict.column('projection').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return toLease(inserted, true);
  const takenOver = await store.db
    .updateTable('projection_leases')
    .set({ owner, token: sql<number>`token + 1`, acquired_at_ms: now, renewed_at_ms: now, expires_at_ms: expires })
    .where('projection', '=', projection)
    .where('expires_at_ms', '<=', now)
    .returningAll()
    .executeTakeFirst();
  return takenOver ? toLease(takenOver, true) : undefined;
}

/**
 * Extends a lease still held under `holding`'s token; undefined when it was taken over (or released). A lease that
 * expired but that nobody took is renewed: no other process can have committed under it, as that needs a new token.
 */
export async function renewLease(store: ReadModelDatabase, holding: LeaseHolding, ttlMs: number): Promise<ProjectionLease | undefined> {
  const now = databaseNowMs(store);
  const renewed = await store.db
    .updateTable('projection_leases')
    .set({ renewed_at_ms: now, expires_at_ms: sql<number>`${now} + ${ttlMs}` })
    .where('projection', '=', holding.projection)
    .where('owner', '=', holding.owner)
    .where('token', '=', holding.token)
    .returningAll()
    .executeTakeFirst();
  return renewed ? toLease(renewed, true) : undefined;
}

/** Gives the lease up (on a graceful stop) so that a standby takes over at its next attempt, not after the expiry. */
export async function releaseLease(store: ReadModelDatabase, holding: LeaseHolding): Promise<boolean> {
  const result = await store.db
    .updateTable('projection_leases')
    .set({ expires_at_ms: 0 })
    .where('projection', '=', holding.projection)
    .where('owner', '=', holding.owner)
    .where('token', '=', holding.token)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * The fence: call inside the transaction that writes under the lease, as its last statement. It writes the lease row
 * (to the same value), which on PostgreSQL locks the row until the commit: a takeover cannot slip in between this
 * check and the commit, it waits for the commit and then re-checks the row, so if it still wins it comes after our
 * batch and resumes from our checkpoint. SQLite has one writer at a time anyway. Throws LeaseLostError when the token
 * is not ours any more, which rolls the transaction back.
 */
export async function assertLeaseHeld(trx: Transaction<ReadModelSchema> | Kysely<ReadModelSchema>, holding: LeaseHolding): Promise<void> {
  const result = await trx
    .updateTable('projection_leases')
    .set({ token: holding.token })
    .where('projection', '=', holding.projection)
    .where('owner', '=', holding.owner)
    .where('token', '=', holding.token)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new LeaseLostError(holding);
}

/** Every lease row, with whether it is held now by the database's clock. */
export async function readLeases(store: ReadModelDatabase): Promise<ProjectionLease[]> {
  const rows = await store.db.selectFrom('projection_leases').selectAll().select(databaseNowMs(store).as('now_ms')).orderBy('projection').execute();
  return rows.map((row) => toLease(row, Number(row.expires_at_ms) > Number(row.now_ms)));
}

/**
 * Milliseconds since the epoch by the database's clock, as SQL. PostgreSQL: the start of the statement, so one
 * statement uses one instant throughout. SQLite: 'now' is fixed for the duration of a statement too.
 */
function databaseNowMs(store: Pick<ReadModelDatabase, 'kind'>): RawBuilder<number> {
  return store.kind === 'postgres'
    ? sql<number>`(extract(epoch from statement_timestamp()) * 1000)::bigint`
    : sql<number>`cast((julianday('now') - 2440587.5) * 86400000 as integer)`;
}

function toLease(row: Selectable<ProjectionLeaseTable>, held: boolean): ProjectionLease {
  const at = (ms: number | string) => new Date(Number(ms)).toISOString();
  return {
    projection: row.projection,
    owner: row.owner,
    token: Number(row.token),
    acquiredAt: at(row.acquired_at_ms),
    renewedAt: at(row.renewed_at_ms),
    expiresAt: at(row.expires_at_ms),
    held,
  };
}
