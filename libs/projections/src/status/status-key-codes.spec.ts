import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDatabase, readModelTargetFrom, type ReadModelDatabase } from '@app/read-model';
import type { ProjectionDb } from '../engine/projection';
import { statusProjection } from './status.projection';
import { STATUS_KEYS } from './status.tables';
import { CodeSums, decodeCounts, keysOf, StatusKeyCodes } from './status-key-codes';

describe('StatusKeyCodes', () => {
  it('gives each key one code, in the order keys are first met, and hands each new code over once', () => {
    const codes = new StatusKeyCodes();
    expect(['day:20171012', 'person:minister', 'day:20171012', 'organisation:network'].map((key) => codes.codeOf(key))).toEqual([0, 1, 0, 2]);
    const first = codes.takeUnsaved();
    expect(first.map((row) => [row.code, row.key])).toEqual([
      [0, 'day:20171012'],
      [1, 'person:minister'],
      [2, 'organisation:network'],
    ]);
    expect(codes.codeOf('person:minister')).toBe(1);
    expect(codes.takeUnsaved()).toEqual([]);
    // Each row's chain hashes the dictionary up to it: the same keys in the same order give the same chains.
    const again = new StatusKeyCodes();
    for (const key of ['day:20171012', 'person:minister', 'organisation:network']) again.codeOf(key);
    expect(again.takeUnsaved()).toEqual(first);
    const other = new StatusKeyCodes();
    for (const key of ['person:minister', 'day:20171012', 'organisation:network']) other.codeOf(key);
    expect(other.takeUnsaved().at(-1)!.chain).not.toBe(first.at(-1)!.chain);
  });
});

describe('CodeSums', () => {
  it('adds up the codes of many lists, growing past its first size', () => {
    const sums = new CodeSums();
    sums.addList('[0,5,5000]');
    sums.addList('[5,100000]');
    sums.addList('[]');
    const seen: [number, number][] = [];
    sums.forEach((code, count) => seen.push([code, count]));
    expect(seen).toEqual([
      [0, 1],
      [5, 2],
      [5000, 1],
      [100000, 1],
    ]);
  });
});

describe('decodeCounts on a real store', () => {
  let dir: string;
  let store: ReadModelDatabase;
  let db: ProjectionDb;
  const codes = new StatusKeyCodes();
  const save = async (keys: string[]) => {
    for (const key of keys) codes.codeOf(key);
    await db.insertInto(STATUS_KEYS).values(codes.takeUnsaved()).execute();
  };
  const sumsOf = (...lists: number[][]) => {
    const sums = new CodeSums();
    for (const list of lists) sums.addList(JSON.stringify(list));
    return sums;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kontakt-key-codes-'));
    store = await openReadModelDatabase(readModelTargetFrom(undefined, dir));
    db = store.db as unknown as ProjectionDb;
    await statusProjection.create().createTables(db, 'g1', store.kind);
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names sums by a dictionary read ahead, and reads on for a code given after that read', async () => {
    await save(['day:20171012', 'person:minister']);
    // The dictionary as a cut reads it alongside its sums...
    const early = keysOf(db);
    expect((await early).keys).toEqual(['day:20171012', 'person:minister']);
    // ...and a batch written meanwhile gives a new code that the summed rows already hold.
    await save(['organisation:network']);
    expect(sumsOf([0, 2], [2]).highestCode()).toBe(2);
    await expect(decodeCounts(db, sumsOf([0, 2], [2]), early)).resolves.toEqual({ 'day:20171012': 1, 'organisation:network': 2 });
    // Codes the early read held need no second one.
    await expect(decodeCounts(db, sumsOf([1], [1]), early)).resolves.toEqual({ 'person:minister': 2 });
  });

  it('reads a dictionary made again with other codes whole, and refuses a code it does not hold', async () => {
    await db.deleteFrom(STATUS_KEYS).execute();
    const other = new StatusKeyCodes();
    for (const key of ['person:minister', 'day:20171012', 'organisation:network', 'meetings:minister']) other.codeOf(key);
    await db.insertInto(STATUS_KEYS).values(other.takeUnsaved()).execute();
    await expect(decodeCounts(db, sumsOf([0, 3]), keysOf(db))).resolves.toEqual({ 'person:minister': 1, 'meetings:minister': 1 });
    await expect(decodeCounts(db, sumsOf([4]), keysOf(db))).rejects.toThrow('status count code 4 is not in status_keys');
  });
});
