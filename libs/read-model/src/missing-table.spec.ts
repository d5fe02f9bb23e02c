import Database from 'better-sqlite3';
import { isMissingTableError } from './missing-table';

describe('isMissingTableError', () => {
  it('recognises SQLite refusing a query on a table that does not exist', () => {
    const database = new Database(':memory:');
    let thrown: unknown;
    try {
      database.prepare('SELECT * FROM status_refs').all();
    } catch (error) {
      thrown = error;
    }
    database.close();
    expect(isMissingTableError(thrown)).toBe(true);
  });

  it("recognises PostgreSQL's undefined_table", () => {
    expect(isMissingTableError(Object.assign(new Error('relation "status_refs" does not exist'), { code: '42P01' }))).toBe(true);
  });

  it('leaves every other error alone', () => {
    expect(isMissingTableError(Object.assign(new Error('no such column: x'), { code: 'SQLITE_ERROR' }))).toBe(false);
    expect(isMissingTableError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isMissingTableError(new Error('no such table: x, said a stranger'))).toBe(true);
    expect(isMissingTableError('no such table: x')).toBe(false);
    expect(isMissingTableError(undefined)).toBe(false);
  });
});
