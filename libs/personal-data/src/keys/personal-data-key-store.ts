import type { ReadModelDatabase } from '@app/read-model';
import { sql } from 'kysely';
import { newPersonKey, PERSON_KEY_BYTES } from '../envelope/sealed-field';

/** A person's data key, or the mark that it was destroyed (the person was erased). */
export type PersonKeyState = Buffer | 'erased';

/** What sealing and revealing need of the key store; owned here, implemented by PersonalDataKeyStore. */
export interface PersonalDataKeys {
  /** The state of each person's key; people who never had one are absent. */
  keysOf(personIds: Iterable<string>): Promise<Map<string, PersonKeyState>>;
  /** As keysOf, with a new key made for every person who never had one. */
  keysForSealing(personIds: Iterable<string>): Promise<Map<string, PersonKeyState>>;
  /** Destroys the person's key for good (a tombstone stays, so no key is ever made for them again). */
  destroy(personId: string): Promise<void>;
}

const TABLE = 'personal_data_keys';
const IDS_PER_QUERY = 500;

/**
 * The data keys, in `personal_data_keys` of the read-model database: outside the event store, so that destroying a key
 * leaves every event as it was stored, and shared by the API (which seals) and the projection worker (which reveals),
 * on SQLite as on PostgreSQL. Projection rebuilds never touch this table (it is a migration's, not a projection's).
 *
 * What destroying needs from the database to forget the key bytes, not only hide them:
 * - SQLite: `secure_delete` while the row is rewritten, so the freed bytes in the page are zeroed, then a
 *   `wal_checkpoint(TRUNCATE)`, so the write-ahead log no longer holds older page images with the key.
 * - PostgreSQL: an UPDATE leaves the old row version in the heap until VACUUM reclaims it (and even then the bytes
 *   stay until the space is reused); a VACUUM of the table is run after each erasure, best effort. WAL segments,
 *   archives, replicas' copies and backups hold the key until they expire: see README, "Personal data and erasure".
 */
export class PersonalDataKeyStore implements PersonalDataKeys {
  constructor(
    private readonly store: ReadModelDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async keysOf(personIds: Iterable<string>): Promise<Map<string, PersonKeyState>> {
    const keys = new Map<string, PersonKeyState>();
    const ids = [...new Set(personIds)];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const rows = await this.store.db.selectFrom(TABLE).select(['person_id', 'key']).where('person_id', 'in', ids.slice(start, start + IDS_PER_QUERY)).execute();
      for (const row of rows) keys.set(row.person_id, row.key === null ? 'erased' : decodeKey(row.key, row.person_id));
    }
    return keys;
  }

  async keysForSealing(personIds: Iterable<string>): Promise<Map<string, PersonKeyState>> {
    const ids = [...new Set(personIds)];
    const keys = await this.keysOf(ids);
    const missing = ids.filter((id) => !keys.has(id));
    if (missing.length === 0) return keys;
    const createdAt = this.now().toISOString();
    // Two requests may make a key for the same new person at once: the first insert wins, and both read it back.
    await this.store.db
      .insertInto(TABLE)
      .values(missing.map((id) => ({ person_id: id, key: newPersonKey().toString('base64'), created_at: createdAt, erased_at: null })))
      .onConflict((conflict) => conflict.column('person_id').doNothing())
      .execute();
    for (const [id, key] of await this.keysOf(missing)) keys.set(id, key);
    return keys;
  }

  async destroy(personId: string): Promise<void> {
    const erasedAt = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      // Only for this statement: zeroing freed bytes on every delete would slow the projections writing on this connection.
      if (this.store.kind === 'sqlite') await sql`PRAGMA secure_delete = ON`.execute(trx);
      try {
        // A person registered before keys existed has no row: the tombstone still keeps a key from being made for them.
        await trx
          .insertInto(TABLE)
          .values({ person_id: personId, key: null, created_at: erasedAt, erased_at: erasedAt })
          .onConflict((conflict) => conflict.column('person_id').doUpdateSet({ key: null, erased_at: sql`coalesce(${sql.ref(`${TABLE}.erased_at`)}, ${erasedAt})` }))
          .execute();
      } finally {
        if (this.store.kind === 'sqlite') await sql`PRAGMA secure_delete = OFF`.execute(trx);
      }
    });
    await this.purgeOldCopies();
  }

  /** Best effort: the key is already unusable; this only shortens how long its bytes linger on disk. */
  private async purgeOldCopies(): Promise<void> {
    try {
      if (this.store.kind === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.store.db);
      else await sql`VACUUM personal_data_keys`.execute(this.store.db);
    } catch {
      // A busy checkpoint or a VACUUM refused (permissions) leaves the old copies to the database's own housekeeping.
    }
  }
}

function decodeKey(text: string, personId: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== PERSON_KEY_BYTES) throw new Error(`the data key of person ${personId} in ${TABLE} is not ${PERSON_KEY_BYTES} bytes`);
  return key;
}
