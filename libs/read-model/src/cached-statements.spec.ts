import Database from 'better-sqlite3';
import { CachedStatements } from './cached-statements';

describe('CachedStatements', () => {
  let database: Database.Database;
  let cached: CachedStatements;

  beforeEach(() => {
    database = new Database(':memory:');
    cached = new CachedStatements(database, 2);
    database.exec('create table entries (id integer primary key, name text)');
  });

  afterEach(() => cached.close());

  it('hands out the same statement for the same SQL, and the statement still runs with new parameters', () => {
    const insert = cached.prepare('insert into entries (name) values (?)');
    expect(cached.prepare('insert into entries (name) values (?)')).toBe(insert);
    insert.run(['Kazan']);
    cached.prepare('insert into entries (name) values (?)').run(['Leipzig']);
    expect(cached.prepare('select name from entries order by id').all([])).toEqual([{ name: 'Kazan' }, { name: 'Leipzig' }]);
  });

  it('drops the least recently used statement beyond its capacity', () => {
    const first = cached.prepare('select 1 as one');
    const second = cached.prepare('select 2 as two');
    expect(cached.prepare('select 1 as one')).toBe(first);
    cached.prepare('select 3 as three');
    // 'select 2' was the least recently used of the three: it was dropped and is prepared anew.
    expect(cached.prepare('select 2 as two')).not.toBe(second);
    expect(cached.prepare('select 1 as one')).not.toBe(first);
  });

  it('does not keep DDL or pragmas', () => {
    expect(cached.prepare('pragma user_version')).not.toBe(cached.prepare('pragma user_version'));
    expect(cached.prepare('create table if not exists other (id integer)')).not.toBe(cached.prepare('create table if not exists other (id integer)'));
  });

  it('answers from the table now under that name after a swap (as a rebuild does): SQLite recompiles a kept statement', () => {
    const select = cached.prepare('select name from entries');
    database.exec("insert into entries (name) values ('old')");
    expect(select.all([])).toEqual([{ name: 'old' }]);
    database.exec("create table entries__rebuild (id integer primary key, name text); insert into entries__rebuild (name) values ('rebuilt'); drop table entries; alter table entries__rebuild rename to entries");
    expect(cached.prepare('select name from entries').all([])).toEqual([{ name: 'rebuilt' }]);
  });
});
