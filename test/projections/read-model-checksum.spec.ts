import { checksumsByTable, readModelChecksum, type ProjectionDb } from '@app/projections';
import { openReadModelDatabase, type ReadModelDatabase } from '@app/read-model';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

const TABLES = ['checksum_people', 'checksum_notes'];

/** Rows that sort differently under SQLite's binary collation and PostgreSQL's locale, with NULLs and big integers. */
const PEOPLE = [
  { id: 'b', name: 'Bärbel', born: 1_700_000_000_000, score: 0.25, active: true, profile: '{"b":1,"a":[2,3]}' },
  { id: 'B', name: 'bob', born: 9_007_199_254_740_991, score: null, active: false, profile: null },
  { id: '_x', name: 'Éloïse', born: -12, score: 3, active: true, profile: '{}' },
  { id: 'a', name: '', born: 0, score: 1.5, active: false, profile: '[]' },
];
const NOTES = [
  { person_id: 'b', text: 'zebra' },
  { person_id: 'b', text: 'Zebra' },
  { person_id: 'a', text: null },
];

async function createTables(store: ReadModelDatabase, profileType: 'text' | 'json' | 'jsonb' = 'text'): Promise<void> {
  const db = store.db as unknown as ProjectionDb;
  await db.schema
    .createTable('checksum_people')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('born', 'bigint', (column) => column.notNull())
    .addColumn('score', 'real')
    .addColumn('active', 'boolean', (column) => column.notNull())
    .addColumn('profile', profileType)
    .execute();
  await db.schema.createTable('checksum_notes').addColumn('person_id', 'text', (column) => column.notNull()).addColumn('text', 'text').execute();
}

async function insert(store: ReadModelDatabase, people: readonly (typeof PEOPLE)[number][], notes: readonly (typeof NOTES)[number][]): Promise<void> {
  const db = store.db as unknown as ProjectionDb;
  // SQLite has no booleans: what the projections write there is 0/1.
  const rows = people.map((person) => ({ ...person, active: store.kind === 'sqlite' ? Number(person.active) : person.active }));
  if (rows.length > 0) await db.insertInto('checksum_people').values(rows).execute();
  if (notes.length > 0) await db.insertInto('checksum_notes').values([...notes]).execute();
}

async function filledStore(scratch: ScratchStore, order: 'as-listed' | 'reversed'): Promise<ReadModelDatabase> {
  const store = await openReadModelDatabase(await scratch.another());
  await createTables(store);
  const flip = <T>(rows: readonly T[]) => (order === 'reversed' ? [...rows].reverse() : rows);
  await insert(store, flip(PEOPLE), flip(NOTES));
  return store;
}

describe.each(readModelStores())('readModelChecksum (%s)', (_name, makeStore) => {
  let scratch: ScratchStore;
  const opened: ReadModelDatabase[] = [];

  beforeAll(async () => {
    scratch = await makeStore();
  });

  afterAll(async () => {
    for (const store of opened) await store.close();
    await scratch?.cleanUp();
  }, 60_000);

  async function fill(order: 'as-listed' | 'reversed' = 'as-listed'): Promise<ReadModelDatabase> {
    const store = await filledStore(scratch, order);
    opened.push(store);
    return store;
  }

  const checksum = (store: ReadModelDatabase) => readModelChecksum(store.db as unknown as ProjectionDb, TABLES);

  it('gives the same digest for the same rows, whatever order they were written in', async () => {
    const [first, second] = [await fill('as-listed'), await fill('reversed')];
    expect(await checksum(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(await checksum(second)).toBe(await checksum(first));
  });

  it('changes when one value changes, even from NULL to an empty string', async () => {
    const store = await fill();
    const before = await checksum(store);
    const db = store.db as unknown as ProjectionDb;
    await db.updateTable('checksum_notes').set({ text: '' }).where('person_id', '=', 'a').execute();
    expect(await checksum(store)).not.toBe(before);
  });

  it('changes when a row is written twice', async () => {
    const store = await fill();
    const before = await checksum(store);
    await insert(store, [], [NOTES[0]]);
    expect(await checksum(store)).not.toBe(before);
  });

  it('tells which table differs', async () => {
    const [first, second] = [await fill(), await fill()];
    await (second.db as unknown as ProjectionDb).deleteFrom('checksum_notes').where('text', '=', 'Zebra').execute();
    const [a, b] = [await checksumsByTable(first.db as unknown as ProjectionDb, TABLES), await checksumsByTable(second.db as unknown as ProjectionDb, TABLES)];
    expect(Object.keys(a)).toEqual(['checksum_notes', 'checksum_people']);
    expect(b.checksum_people).toBe(a.checksum_people);
    expect(b.checksum_notes).not.toBe(a.checksum_notes);
  });

  it('takes a projection, by its tables', async () => {
    const store = await fill();
    expect(await readModelChecksum(store.db as unknown as ProjectionDb, { tables: TABLES })).toBe(await checksum(store));
  });

  it('refuses a table that does not exist, naming it', async () => {
    const store = await fill();
    await expect(readModelChecksum(store.db as unknown as ProjectionDb, ['checksum_people', 'checksum_missing'])).rejects.toThrow(/checksum_missing/);
  });
});

const postgresUrl = process.env.READ_MODEL_URL;

(postgresUrl ? describe : describe.skip)('readModelChecksum across databases', () => {
  const stores = new Map(readModelStores());
  const makeSqlite = stores.get('SQLite')!;
  const makePostgres = stores.get('PostgreSQL')!;
  const scratches: ScratchStore[] = [];
  const opened: ReadModelDatabase[] = [];

  afterAll(async () => {
    for (const store of opened) await store.close();
    for (const scratch of scratches) await scratch.cleanUp();
  }, 60_000);

  async function open(make: () => Promise<ScratchStore>): Promise<ReadModelDatabase> {
    const scratch = await make();
    scratches.push(scratch);
    const store = await openReadModelDatabase(scratch.target);
    opened.push(store);
    return store;
  }

  it('gives SQLite and PostgreSQL the same digest for the same rows (bigint, boolean, NULL, collation)', async () => {
    const [sqlite, postgres] = [await open(makeSqlite), await open(makePostgres)];
    for (const store of [sqlite, postgres]) {
      await createTables(store);
      await insert(store, PEOPLE, NOTES);
    }
    expect(await readModelChecksum(postgres.db as unknown as ProjectionDb, TABLES)).toBe(await readModelChecksum(sqlite.db as unknown as ProjectionDb, TABLES));
  });

  it('reads jsonb, which reorders keys, as the same JSON kept as text in SQLite', async () => {
    const [sqlite, postgres] = [await open(makeSqlite), await open(makePostgres)];
    await createTables(sqlite, 'json');
    await createTables(postgres, 'jsonb');
    for (const store of [sqlite, postgres]) await insert(store, PEOPLE, NOTES);
    const [a, b] = [await checksumsByTable(sqlite.db as unknown as ProjectionDb, TABLES), await checksumsByTable(postgres.db as unknown as ProjectionDb, TABLES)];
    expect(b.checksum_people).toBe(a.checksum_people);
  });
});
