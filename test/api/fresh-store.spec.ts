import { TestApi } from '../support/api.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

// The API listens only once the projections' tables exist, so that a load balancer or a script that calls it the
// moment it is up gets (empty) answers, not 503 READ_MODEL_NOT_BUILT. Before, the tables appeared in the background
// a moment after listening, and a first query on PostgreSQL could arrive in between.
describe.each(readModelStores())('a fresh store queried the moment the API listens, read models on %s', (_store, scratchStore) => {
  let scratch: ScratchStore;
  let api: TestApi | undefined;

  beforeEach(async () => {
    scratch = await scratchStore();
  });

  afterEach(async () => {
    await api?.stop();
    api = undefined;
    await scratch.cleanUp();
  });

  it('answers every read model at once: empty, not 503', async () => {
    api = await TestApi.start(scratch.target.kind === 'postgres' ? { READ_MODEL_URL: scratch.target.url } : {});
    const paths = ['/timeline', '/regions', '/cooperations', '/graph', '/audit'];
    const answers = await Promise.all(paths.map(async (path) => ({ path, status: (await api!.get(path)).status })));
    expect(answers).toEqual(paths.map((path) => ({ path, status: 200 })));
    // A region nobody recorded is not found, as it would be later: it is not a store still being built.
    for (const path of ['/regions/tatarstan/timeline', '/regions/tatarstan/status']) {
      const unknown = await api.get(path);
      expect({ path, status: unknown.status, code: unknown.body.code }).toEqual({ path, status: 404, code: 'REGION_NOT_FOUND' });
    }
  });
});
