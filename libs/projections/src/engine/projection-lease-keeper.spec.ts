import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLease, openReadModelDatabase, readLeases, readModelTargetFrom, type ReadModelDatabase } from '@app/read-model';
import { ProjectionLeaseKeeper } from './projection-lease-keeper';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('ProjectionLeaseKeeper', () => {
  let dir: string;
  let store: ReadModelDatabase;
  let other: ReadModelDatabase;
  const keepers: ProjectionLeaseKeeper[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kontakt-lease-keeper-'));
    store = await openReadModelDatabase(readModelTargetFrom(undefined, dir));
    other = await openReadModelDatabase(readModelTargetFrom(undefined, dir));
  });

  afterEach(async () => {
    for (const keeper of keepers.splice(0)) await keeper.stop();
    await other.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function keeper(database: ReadModelDatabase, owner: string, ttlMs: number, now?: () => number) {
    const events: string[] = [];
    const made = new ProjectionLeaseKeeper(database, { owner, ttlMs }, quiet, { gained: (name) => events.push(`gained ${name}`), lost: (name) => events.push(`lost ${name}`) }, now);
    keepers.push(made);
    return { keeper: made, events };
  }

  it('takes the free leases at once, and the others when their holder stops renewing them, telling the listener', async () => {
    await acquireLease(other, 'graph', 'someone-else', 300);
    const { keeper: following, events } = keeper(store, 'me', 300);
    expect(await following.follow(['timeline', 'graph'])).toEqual(['timeline']);
    expect(events).toEqual([]);
    expect(following.holding('graph')).toBeUndefined();
    // Nobody renews someone-else's lease: the keeper's next rounds take it over.
    for (let waited = 0; !events.includes('gained graph') && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['gained graph']);
    expect(following.holding('graph')).toEqual({ projection: 'graph', owner: 'me', token: 2 });
    // And it keeps renewing what it holds: nobody else can take timeline.
    expect(await acquireLease(other, 'timeline', 'someone-else', 300)).toBeUndefined();
  });

  it('stops counting a lease as held once the TTL has passed since its last renewal was sent, whatever the database says', async () => {
    let now = 1_000;
    const { keeper: following, events } = keeper(store, 'me', 60_000, () => now);
    await following.follow(['timeline']);
    now += 59_999;
    expect(following.holding('timeline')).toMatchObject({ token: 1 });
    now += 1;
    expect(following.holding('timeline')).toBeUndefined();
    expect(events).toEqual(['lost timeline']);
    // The row is still ours in the database; that is for the fence to judge, not for this process to act on.
    expect((await readLeases(store)).map(({ owner, held }) => ({ owner, held }))).toEqual([{ owner: 'me', held: true }]);
  });

  it('forgets a lease a transaction found taken over, but not one it holds anew under another token', async () => {
    const { keeper: following, events } = keeper(store, 'me', 60_000);
    await following.follow(['timeline']);
    following.forget({ projection: 'timeline', owner: 'me', token: 0 }, 'an older token');
    expect(following.holding('timeline')).toMatchObject({ token: 1 });
    following.forget({ projection: 'timeline', owner: 'me', token: 1 }, 'taken over');
    expect(following.holding('timeline')).toBeUndefined();
    expect(events).toEqual(['lost timeline']);
  });

  it('releases its leases when it stops, so another process takes them at once', async () => {
    const { keeper: following } = keeper(store, 'me', 60_000);
    await following.follow(['timeline', 'status']);
    expect(await acquireLease(other, 'timeline', 'next', 60_000)).toBeUndefined();
    await following.stop();
    expect(await acquireLease(other, 'timeline', 'next', 60_000)).toMatchObject({ owner: 'next', token: 2 });
    expect(await acquireLease(other, 'status', 'next', 60_000)).toMatchObject({ owner: 'next', token: 2 });
  });

  it('takes one lease on request, and names the holder when another process has it', async () => {
    await acquireLease(other, 'graph', 'worker-b', 60_000);
    const { keeper: rebuilding } = keeper(store, 'rebuild', 60_000);
    expect(await rebuilding.acquire('timeline')).toEqual({ acquired: true });
    expect(await rebuilding.acquire('graph')).toEqual({ acquired: false, holder: expect.objectContaining({ owner: 'worker-b', held: true }) });
  });
});
