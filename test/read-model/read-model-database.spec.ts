import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateReadModel, openReadModelDatabase, readCheckpoint, readModelTargetFrom, writeCheckpoint, type ReadModelDatabase, type ReadModelTarget } from '@app/read-model';
import { sql, type Kysely } from 'kysely';

// SQLite always; PostgreSQL too when READ_MODEL_URL names one (CI starts one from Debian's package).
const targets: [string, () => Promise<{ target: ReadModelTarget; cleanUp: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kontakt-read-model-'));
      return { target: readModelTargetFrom(undefined, dir), cleanUp: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
];
if (process.env.READ_MODEL_URL) {
  targets.push(['PostgreSQL', async () => ({ target: readModelTargetFrom(process.env.READ_MODEL_URL, tmpdir()), cleanUp: async () => undefined })]);
}

describe.each(targets)('the read-model store on %s', (_name, prepare) => {
  let store: ReadModelDatabase;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    const prepared = await prepare();
    cleanUp = prepared.cleanUp;
    store = await openReadModelDatabase(prepared.target);
  });

  afterAll(async () => {
    await store?.close();
    await cleanUp?.();
  });

  it('is migrated on open, and migrating again changes nothing', async () => {
    expect(await migrateReadModel(store.db as Kysely<unknown>)).toEqual([]);
  });

  it('keeps a checkpoint written in a transaction, positions beyond 2^53 intact', async () => {
    const projection = `timeline-${Date.now()}`;
    const position = { commit: 2n ** 60n + 7n, prepare: 2n ** 60n + 7n };
    await store.db.transaction().execute((trx) => writeCheckpoint(trx, projection, position, 42, new Date('2026-11-28T12:00:00Z')));
    expect(await readCheckpoint(store.db, projection)).toEqual({ projection, position, eventsApplied: 42, updatedAt: '2026-11-28T12:00:00.000Z', schemaVersion: 0, generation: 1 });
    await store.db.transaction().execute((trx) => writeCheckpoint(trx, projection, { commit: 2n ** 61n, prepare: 2n ** 61n }, 43));
    expect((await readCheckpoint(store.db, projection))?.position.commit).toBe(2n ** 61n);
  });

  it('leaves no checkpoint behind when its transaction fails', async () => {
    const projection = `status-${Date.now()}`;
    await expect(
      store.db.transaction().execute(async (trx) => {
        await writeCheckpoint(trx, projection, { commit: 1n, prepare: 1n }, 1);
        throw new Error('the projection failed after writing');
      }),
    ).rejects.toThrow('the projection failed after writing');
    expect(await readCheckpoint(store.db, projection)).toBeUndefined();
  });
});

describe('readModelTargetFrom', () => {
  it('chooses SQLite under the data folder when READ_MODEL_URL is unset, PostgreSQL for a postgres:// URL', () => {
    expect(readModelTargetFrom(undefined, '/srv/kontakt/data')).toEqual({ kind: 'sqlite', file: '/srv/kontakt/data/read-model.sqlite' });
    expect(readModelTargetFrom('postgres://kontakt@localhost/kontakt', '/x')).toEqual({ kind: 'postgres', url: 'postgres://kontakt@localhost/kontakt' });
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => readModelTargetFrom('mysql://localhost/kontakt', '/x')).toThrow(/READ_MODEL_URL must start with postgres:\/\//);
  });
});

if (process.env.READ_MODEL_URL) {
  describe('the read-model store on PostgreSQL, when the server ends an idle connection', () => {
    it('reports the error, discards the connection and answers the next query on a new one', async () => {
      const errors: string[] = [];
      const store = await openReadModelDatabase(readModelTargetFrom(process.env.READ_MODEL_URL, tmpdir()), { onConnectionError: (error) => errors.push(error.message) });
      const admin = await openReadModelDatabase(readModelTargetFrom(process.env.READ_MODEL_URL, tmpdir()));
      try {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
        // What a server restart or DROP DATABASE ... WITH (FORCE) does to every idle connection.
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin.db);
        for (let waited = 0; errors.length === 0 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(errors).toEqual([expect.stringContaining('terminating connection')]);
        const again = await sql<{ answer: number }>`select 42 as answer`.execute(store.db);
        expect(again.rows).toEqual([{ answer: 42 }]);
      } finally {
        await store.close();
        await admin.close();
      }
    });
  });

  describe('the read-model store on PostgreSQL, its session settings', () => {
    const parallelWorkersOf = async (url: string) => {
      const store = await openReadModelDatabase(readModelTargetFrom(url, tmpdir()));
      try {
        const { rows } = await sql<{ max_parallel_workers_per_gather: string }>`show max_parallel_workers_per_gather`.execute(store.db);
        return rows[0]!.max_parallel_workers_per_gather;
      } finally {
        await store.close();
      }
    };

    it('turns parallel query off on every connection (short index reads pay for the workers, not gain)', async () => {
      expect(await parallelWorkersOf(process.env.READ_MODEL_URL!)).toBe('0');
    });

    it('leaves the settings to the URL when it names options of its own', async () => {
      const url = new URL(process.env.READ_MODEL_URL!);
      url.searchParams.set('options', '-c max_parallel_workers_per_gather=3');
      expect(await parallelWorkersOf(url.toString())).toBe('3');
    });
  });
}
