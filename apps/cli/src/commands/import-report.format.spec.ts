import { formatImportAnswer, formatImportErrors } from './import-report.format';

describe('import reports', () => {
  it('says what a dry run would do, and that it recorded nothing', () => {
    expect(formatImportAnswer('facts.csv', { dryRun: true, rows: 12, wouldImport: 10, alreadyImported: 2 })).toBe(
      'Dry run of facts.csv: 12 rows valid; 10 would be imported, 2 already imported. Nothing was recorded.\n',
    );
  });

  it('says what an import recorded and where it ended', () => {
    expect(formatImportAnswer('facts.ndjson', { dryRun: false, rows: 1, imported: 1, alreadyImported: 0, lastPosition: '19523' })).toBe(
      'Imported facts.ndjson: 1 row; 1 imported, 0 already imported; last position 19523.\n',
    );
  });

  it('gives no position when every row was there already', () => {
    expect(formatImportAnswer('facts.csv', { dryRun: false, rows: 2, imported: 0, alreadyImported: 2, lastPosition: null })).toBe('Imported facts.csv: 2 rows; 0 imported, 2 already imported.\n');
  });

  it('prints every bad row as file:line: field: message', () => {
    expect(
      formatImportErrors('facts.csv', [
        { line: 3, fact: 'meeting', field: 'occurredOn', code: 'INVALID_DATE', message: 'occurredOn must be a date written YYYY, YYYY-MM or YYYY-MM-DD' },
        { line: 7, code: 'UNKNOWN_FACT', message: 'fact must be one of meeting, contact' },
      ]),
    ).toBe('facts.csv:3: occurredOn: occurredOn must be a date written YYYY, YYYY-MM or YYYY-MM-DD\nfacts.csv:7: fact must be one of meeting, contact\n');
  });
});
