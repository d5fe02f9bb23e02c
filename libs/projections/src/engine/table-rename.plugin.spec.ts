import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { shadowNames, TableRenamePlugin } from './table-rename.plugin';

describe('TableRenamePlugin', () => {
  it('points queries, joins and DDL at the shadow copies, and leaves other tables alone', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables addressed by name
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    const shadow = db.withPlugin(new TableRenamePlugin(shadowNames(['entries'])));
    await shadow.schema.createTable('entries').addColumn('id', 'text').execute();
    await db.schema.createTable('others').addColumn('id', 'text').execute();
    await shadow.insertInto('entries').values({ id: 'a' }).execute();
    await db.insertInto('others').values({ id: 'a' }).execute();
    const joined = await shadow.selectFrom('entries as e').innerJoin('others as o', 'o.id', 'e.id').select(['e.id']).execute();
    expect(joined).toEqual([{ id: 'a' }]);
    const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toEqual(['entries__rebuild', 'others']);
    expect(shadow.selectFrom('entries').selectAll().compile().sql).toBe('select * from "entries__rebuild"');
    await db.destroy();
  });
});
