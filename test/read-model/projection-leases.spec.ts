/* eslint-disable @typescript-eslint/no-explicit-any -- the scratch table of these tests is not part of the read-model schema */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import {
  acquireLease,
  assertLeaseHeld,
  LeaseLostError,
  openReadModelDatabase,
  readCheckpoint,
  readLeases,
  releaseLease,
  renewLease,
  writeCheckpoint,
  type LeaseHolding,
  type ReadModelDatabase,
} from '@app/read-model';
import { delay } from '../support/event-store-node.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

/** A lease that outlives every test; 0 is expired at once (the next statement may take it over). */
const LONG_MS = 600_000;
const EXPIRED_MS = 0;

describe.each(readModelStores())('projection leases on %s', (name, makeStore) => {
  let scratch: ScratchStore;
  let store: ReadModelDatabase;
  /** Another connection (a second process, as far as the database can tell). */
  let other: ReadModelDatabase;
  let projectionCount = 0;
  const fresh = () => `projection-${(projectionCount += 1)}`;
  const rows = () => store.db as unknown as Kysely<any>;

  beforeAll(async () => {
    scratch = await makeStore();
    store = await openReadModelDatabase(scratch.target);
    other = await openReadModelDatabase(scratch.target);
    await rows().schema.createTable('lease_test_rows').addColumn('id', 'text', (column) => column.primaryKey()).addColumn('writer', 'text').execute();
  });

  afterAll(async () => {
    await other?.close();
    await store?.close();
    await scratch?.cleanUp();
  });

  /** A batch as the engine writes one: rows, the checkpoint, and the fence last, in one transaction. */
  async function commitBatch(database: ReadModelDatabase, holding: LeaseHolding, id: string): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      await (trx as unknown as Kysely<any>).insertInto('lease_test_rows').values({ id, writer: holding.owner }).execute();
      await writeCheckpoint(trx, holding.projection, { commit: 10n, prepare: 10n }, 1);
      await assertLeaseHeld(trx, holding);
    });
  }

  it('goes to the first process that asks, with token 1, and to no other while it is held', async () => {
    const projection = fresh();
    const lease = await acquireLease(store, projection, 'worker-a', LONG_MS);
    expect(lease).toMatchObject({ projection, owner: 'worker-a', token: 1, held: true });
    expect(Date.parse(lease!.expiresAt) - Date.parse(lease!.renewedAt)).toBe(LONG_MS);
    expect(await acquireLease(other, projection, 'worker-b', LONG_MS)).toBeUndefined();
    expect((await readLeases(other)).find((row) => row.projection === projection)).toMatchObject({ owner: 'worker-a', token: 1, held: true });
  });

  it('is renewed only by its owner under its token', async () => {
    const projection = fresh();
    const lease = (await acquireLease(store, projection, 'worker-a', 1_000))!;
    await delay(5);
    const renewed = await renewLease(store, { projection, owner: 'worker-a', token: 1 }, LONG_MS);
    expect(renewed).toMatchObject({ owner: 'worker-a', token: 1, acquiredAt: lease.acquiredAt });
    expect(Date.parse(renewed!.expiresAt)).toBeGreaterThan(Date.parse(lease.expiresAt));
    expect(await renewLease(other, { projection, owner: 'worker-b', token: 1 }, LONG_MS)).toBeUndefined();
    expect(await renewLease(other, { projection, owner: 'worker-a', token: 2 }, LONG_MS)).toBeUndefined();
  });

  it('is taken over once it has expired, with the next token, and the old owner can no longer renew it', async () => {
    const projection = fresh();
    await acquireLease(store, projection, 'worker-a', 50);
    expect(await acquireLease(other, projection, 'worker-b', LONG_MS)).toBeUndefined();
    await delay(80);
    expect(await acquireLease(other, projection, 'worker-b', LONG_MS)).toMatchObject({ owner: 'worker-b', token: 2, held: true });
    expect(await renewLease(store, { projection, owner: 'worker-a', token: 1 }, LONG_MS)).toBeUndefined();
    expect((await readLeases(store)).find((row) => row.projection === projection)).toMatchObject({ owner: 'worker-b', token: 2 });
  });

  it('is free at once when released, and shows as not held', async () => {
    const projection = fresh();
    await acquireLease(store, projection, 'worker-a', LONG_MS);
    expect(await releaseLease(other, { projection, owner: 'worker-b', token: 1 })).toBe(false);
    expect(await releaseLease(store, { projection, owner: 'worker-a', token: 1 })).toBe(true);
    expect((await readLeases(store)).find((row) => row.projection === projection)).toMatchObject({ owner: 'worker-a', held: false });
    expect(await acquireLease(other, projection, 'worker-b', LONG_MS)).toMatchObject({ owner: 'worker-b', token: 2 });
  });

  it('goes to exactly one of many processes asking at the same moment', async () => {
    const contenders = await Promise.all(Array.from({ length: 5 }, () => openReadModelDatabase(scratch.target)));
    try {
      for (let round = 0; round < 5; round += 1) {
        const projection = fresh();
        const won = await Promise.all(contenders.map((contender, index) => acquireLease(contender, projection, `worker-${index}`, LONG_MS)));
        expect(won.filter((lease) => lease !== undefined)).toEqual([expect.objectContaining({ token: 1 })]);
      }
    } finally {
      for (const contender of contenders) await contender.close();
    }
  });

  it('refuses the commit of an owner whose lease was taken over: nothing of its batch is visible', async () => {
    const projection = fresh();
    const stale: LeaseHolding = { projection, owner: 'worker-a', token: (await acquireLease(store, projection, 'worker-a', EXPIRED_MS))!.token };
    const current = await acquireLease(other, projection, 'worker-b', LONG_MS);
    expect(current).toMatchObject({ token: stale.token + 1 });

    const refused = commitBatch(store, stale, `${projection}-stale`);
    await expect(refused).rejects.toThrow(LeaseLostError);
    await expect(refused).rejects.toMatchObject({ code: 'PROJECTION_LEASE_LOST', holding: stale });
    expect(await rows().selectFrom('lease_test_rows').selectAll().where('id', '=', `${projection}-stale`).execute()).toEqual([]);
    expect(await readCheckpoint(store.db, projection)).toBeUndefined();

    await commitBatch(other, { projection, owner: 'worker-b', token: current!.token }, `${projection}-current`);
    expect(await rows().selectFrom('lease_test_rows').select('writer').where('id', '=', `${projection}-current`).execute()).toEqual([{ writer: 'worker-b' }]);
    expect((await readCheckpoint(store.db, projection))?.eventsApplied).toBe(1);
  });

  // SQLite has one writer at a time: a takeover cannot even start while a batch is being written. On PostgreSQL the
  // fence's row lock is what orders them, and a second connection of this process can show it.
  (name === 'PostgreSQL' ? it : it.skip)('makes a takeover wait for a batch that passed its fence, then resume from its checkpoint', async () => {
    const projection = fresh();
    const holding: LeaseHolding = { projection, owner: 'worker-a', token: (await acquireLease(store, projection, 'worker-a', 200))!.token };
    let takeover: Promise<unknown> | undefined;
    let settled = false;
    let settledBeforeCommit: boolean | undefined;
    await store.db.transaction().execute(async (trx) => {
      await writeCheckpoint(trx, projection, { commit: 20n, prepare: 20n }, 2);
      await assertLeaseHeld(trx, holding);
      await delay(250);
      // Expired by now: the takeover is due, and must wait for this commit.
      takeover = acquireLease(other, projection, 'worker-b', LONG_MS).finally(() => {
        settled = true;
      });
      await delay(200);
      settledBeforeCommit = settled;
    });
    expect(settledBeforeCommit).toBe(false);
    expect(await takeover).toMatchObject({ owner: 'worker-b', token: 2 });
    expect((await readCheckpoint(other.db, projection))?.position.commit).toBe(20n);
  });

  it('agrees with a model of owners, tokens and commits for any sequence of operations (property)', async () => {
    type Operation = { kind: 'acquire' | 'renew'; who: number; expired: boolean } | { kind: 'release' | 'commit'; who: number };
    const operation = fc.oneof(
      fc.record({ kind: fc.constantFrom('acquire' as const, 'renew' as const), who: fc.integer({ min: 0, max: 2 }), expired: fc.boolean() }),
      fc.record({ kind: fc.constantFrom('release' as const, 'commit' as const), who: fc.integer({ min: 0, max: 2 }) }),
    );
    const databases = [store, other, store];
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations: Operation[]) => {
        const projection = fresh();
        const owners = ['worker-0', 'worker-1', 'worker-2'];
        // The model: the row as it should be, and the token each owner believes it holds.
        let row: { owner: number; token: number; free: boolean } | undefined;
        const believed: (number | undefined)[] = [undefined, undefined, undefined];
        let commits = 0;
        for (const [step, op] of operations.entries()) {
          const database = databases[op.who];
          const holding = (): LeaseHolding => ({ projection, owner: owners[op.who], token: believed[op.who] ?? 0 });
          const mine = row !== undefined && row.owner === op.who && row.token === believed[op.who];
          switch (op.kind) {
            case 'acquire': {
              const lease = await acquireLease(database, projection, owners[op.who], op.expired ? EXPIRED_MS : LONG_MS);
              const expected = row === undefined || row.free;
              expect({ step, acquired: lease !== undefined }).toEqual({ step, acquired: expected });
              if (lease) {
                expect(lease.token).toBe((row?.token ?? 0) + 1);
                row = { owner: op.who, token: lease.token, free: op.expired };
                believed[op.who] = lease.token;
              }
              break;
            }
            case 'renew': {
              const lease = await renewLease(database, holding(), op.expired ? EXPIRED_MS : LONG_MS);
              expect({ step, renewed: lease !== undefined }).toEqual({ step, renewed: mine });
              if (lease) row = { ...row!, free: op.expired };
              break;
            }
            case 'release': {
              expect({ step, released: await releaseLease(database, holding()) }).toEqual({ step, released: mine });
              if (mine) row = { ...row!, free: true };
              break;
            }
            case 'commit': {
              const outcome = await commitBatch(database, holding(), `${projection}-${step}`).then(
                () => 'committed',
                (error: unknown) => (error instanceof LeaseLostError ? 'refused' : error),
              );
              // Whether its lease has expired or not: only a takeover ends the right to commit, and it changes the token.
              expect({ step, outcome }).toEqual({ step, outcome: mine ? 'committed' : 'refused' });
              if (mine) commits += 1;
              break;
            }
          }
        }
        const written = await rows().selectFrom('lease_test_rows').select('id').where('id', 'like', `${projection}-%`).execute();
        expect(written.length).toBe(commits);
      }),
      { numRuns: 40 },
    );
  });
});
