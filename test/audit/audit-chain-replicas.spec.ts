import { EventStoreNode } from '@app/event-store-node';
import { TestApi, type ApiResponse, type Requester } from '../support/api.harness';
import { recordingLogger } from '../support/event-store-node.harness';

jest.setTimeout(60_000);

const MEETING = { occurredOn: '2017-10', place: { name: 'Kazan', regionId: 'kazan' }, participants: [{ name: 'Minister of Transport of Tatarstan', organisationId: 'ministry', level: 'minister' }], topics: ['logistics cooperation'] };

/** Every response 201, or the first that is not, shown. */
function expectAllCreated(responses: ApiResponse[]): void {
  const refused = responses.find((response) => response.status !== 201);
  expect(refused && { status: refused.status, body: refused.body }).toBeUndefined();
}

// Issue 7: the API runs as several replicas against one event store. Each appends through chain lanes of its own, so
// their interleaved events are a genuine log that verifies intact, not a broken chain.
describe('the audit chain with two API replicas on one event store', () => {
  let node: EventStoreNode;
  let replicas: TestApi[] = [];
  let one: Requester;
  let two: Requester;

  beforeAll(async () => {
    node = await EventStoreNode.start({ host: '127.0.0.1', port: 0, memory: true, logger: recordingLogger() });
    // One key for both, as for any replicas: a checkpoint one signed, the other checks.
    const env = { EVENTSTORE_CONNECTION_STRING: node.connectionString, AUDIT_HMAC_KEY: 'replicas-share-this-key-of-32-characters' };
    // One after the other, so that the first holds the first admin token (the second finds the access stream taken).
    replicas = [await TestApi.start(env)];
    replicas.push(await TestApi.start(env));
    const admin = replicas[0].adminToken;
    [one, two] = replicas.map((replica) => replica.withToken(admin));
    for (const [path, body] of [
      ['/regions', { id: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject' }],
      ['/regions', { id: 'kazan', name: 'Kazan', kind: 'city', parentRegionId: 'tatarstan' }],
      ['/organisations', { id: 'network', name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network' }],
      ['/organisations', { id: 'ministry', name: 'Ministry of Transport of Tatarstan', kind: 'ministry', regionId: 'tatarstan' }],
      ['/cooperations', { id: 'network--tatarstan', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' }],
      ['/cooperations', { id: 'network--ministry', ourOrganisationId: 'network', partner: { kind: 'organisation', id: 'ministry' }, openedOn: '2017-03' }],
    ] as const) {
      expect((await one.post(path, body)).status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await node?.stop();
  });

  const verify = async (via: Requester, query = '') => {
    const response = await via.get(`/audit/verify${query}`);
    expect(response.status).toBe(200);
    return response.body as { report: Record<string, unknown>; checkpoint: { token: string } | null };
  };

  it('verifies intact after both replicas recorded commands concurrently, on their own streams and on shared ones', async () => {
    const commands = Array.from({ length: 48 }, (_, index) => {
      const via = index % 2 === 0 ? one : two;
      // Six meetings on each of two cooperations, from both replicas at once: the streams' optimistic concurrency
      // orders them; the rest are new regions, one stream each.
      if (index < 12) return via.post(`/cooperations/${index % 4 < 2 ? 'network--tatarstan' : 'network--ministry'}/meetings`, { ...MEETING, outcome: `meeting ${index}` });
      return via.post('/regions', { id: `region-${index}`, name: `Region ${index}`, kind: 'city', parentRegionId: 'tatarstan' });
    });
    expectAllCreated(await Promise.all(commands));

    for (const via of [one, two]) {
      const { report, checkpoint } = await verify(via);
      expect(report).toMatchObject({ intact: true, brokenLinks: 0, firstBreak: null, unchained: 0 });
      expect(report.lanes).toBeGreaterThanOrEqual(2); // at least one lane per replica
      expect(checkpoint?.token).toMatch(/^kontakt-audit:v2:/);
    }
  });

  it('verifies from a checkpoint what both replicas appended after it, their lanes continuing across it', async () => {
    const { checkpoint } = await verify(one);
    const more = Array.from({ length: 16 }, (_, index) => (index % 2 === 0 ? one : two).post(`/cooperations/${index % 4 < 2 ? 'network--tatarstan' : 'network--ministry'}/meetings`, { ...MEETING, outcome: `later meeting ${index}` }));
    expectAllCreated(await Promise.all(more));
    const { report } = await verify(two, `?from=${encodeURIComponent(checkpoint!.token)}`);
    expect(report).toMatchObject({ intact: true, mode: 'incremental', checked: 16, brokenLinks: 0 });
  });

  it('verifies intact after 64 commands in parallel through one replica, at most CHAIN_LANES in flight', async () => {
    const { report: before } = await verify(one);
    const commands = Array.from({ length: 64 }, (_, index) => one.post('/regions', { id: `parallel-${index}`, name: `Parallel ${index}`, kind: 'city' }));
    expectAllCreated(await Promise.all(commands));
    const { report } = await verify(one);
    expect(report).toMatchObject({ intact: true, brokenLinks: 0, events: (before.events as number) + 64 });
    expect(report.lanes).toBeLessThanOrEqual(2 * 8); // CHAIN_LANES (8 by default) per replica
  });
});
