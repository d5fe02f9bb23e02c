import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { KONTAKT_PROJECTIONS } from '@app/projections';
import { shutDownGracefully } from '../../apps/api/src/shutdown/graceful-shutdown';
import { expectProblem, TestApi, uniqueId, useTestApi, type ApiResponse } from '../support/api.harness';
import { delay } from '../support/event-store-node.harness';
import { parsePrometheusText } from '../support/prometheus-text';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Polls GET `path` every 50 ms until `accept` takes the answer; fails after `timeoutMs` with the last answer. */
async function until(api: TestApi, path: string, accept: (response: ApiResponse) => boolean, timeoutMs = 20_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.get(path);
    if (accept(response)) return response;
    if (Date.now() > deadline) throw new Error(`GET ${path} within ${timeoutMs} ms: last answer ${response.status} ${JSON.stringify(response.body)}`);
    await delay(50);
  }
}

describe('GET /health/live and /health/ready', () => {
  describe('with the embedded event store and the projections in the API', () => {
    const api = useTestApi();

    it('answers live at once, without credentials', async () => {
      const response = await api().withToken(undefined).get('/health/live');
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { status: 'alive', uptimeSeconds: expect.any(Number), shuttingDown: false } });
    });

    it('answers ready once the projections have started, with every check', async () => {
      const response = await until(api(), '/health/ready', (answer) => answer.status === 200);
      expect(response.body).toEqual({
        status: 'ready',
        reasons: [],
        shuttingDown: false,
        eventStore: { reachable: true, mode: 'embedded', latencyMs: expect.any(Number) },
        readModel: { reachable: true, latencyMs: expect.any(Number) },
        projections: { runHere: true, startup: 'started', states: Object.fromEntries(KONTAKT_PROJECTIONS.map((definition) => [definition.name, expect.stringMatching(/^(live|catching-up)$/)])) },
      });
    });
  });

  describe('with the projections in another process (PROJECTIONS=off)', () => {
    const api = useTestApi({ PROJECTIONS: 'off' });

    it('is ready without waiting for projections', async () => {
      const response = await api().get('/health/ready');
      expect({ status: response.status, reasons: response.body.reasons, projections: response.body.projections }).toEqual({ status: 200, reasons: [], projections: { runHere: false } });
    });
  });

  describe('with an external event store that stops and comes back', () => {
    let dataDir: string;
    let node: EmbeddedEventStore | undefined;
    let api: TestApi | undefined;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'kontakt-health-node-'));
      node = await startEmbeddedEventStore({ dataDir, port: 0, logger: quiet });
      api = await TestApi.start({ EVENTSTORE_CONNECTION_STRING: node.connectionString });
    }, 30_000);

    afterAll(async () => {
      await api?.stop();
      await node?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }, 30_000);

    it('is not ready while the event store is down, and ready again after; alive throughout', async () => {
      await until(api!, '/health/ready', (answer) => answer.status === 200);
      const { port } = node!;
      await node!.stop();
      node = undefined;

      const down = await until(api!, '/health/ready', (answer) => answer.status === 503);
      expect(down.headers.get('retry-after')).toBe('1');
      expect(down.body).toMatchObject({ status: 'not-ready', shuttingDown: false, eventStore: { reachable: false, mode: 'external' }, readModel: { reachable: true } });
      expect(down.body.reasons).toContainEqual(expect.stringMatching(/^the event store does not answer: /));
      // Liveness asks nothing of the event store: an orchestrator must not restart a healthy process for an outage.
      expect((await api!.get('/health/live')).status).toBe(200);

      node = await startEmbeddedEventStore({ dataDir, port, logger: quiet });
      const up = await until(api!, '/health/ready', (answer) => answer.status === 200);
      expect(up.body.reasons).toEqual([]);
    }, 60_000);
  });

  describe('with an external event store that never answers', () => {
    // Port 1 is privileged and unused here, so the connection is refused at once.
    const api = useTestApi({ EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' });

    it('is alive but not ready, saying why', async () => {
      expect((await api().get('/health/live')).status).toBe(200);
      const response = await api().get('/health/ready');
      expect(response.status).toBe(503);
      expect(response.body.reasons).toContainEqual(expect.stringMatching(/^the event store does not answer: /));
      expect(response.body.reasons).toContainEqual(expect.stringMatching(/^the projections (are still starting|failed to start)/));
    });
  });
});

describe('a graceful shutdown, in process', () => {
  /**
   * A request held in flight for a while: with PROJECTIONS=off nothing moves the checkpoints, so a query given the
   * position of a command waits READ_YOUR_WRITES_TIMEOUT_MS, then answers 503 PROJECTION_BEHIND itself.
   */
  async function startWithSlowQuery(readYourWritesTimeoutMs: number): Promise<{ api: TestApi; slowQuery: () => Promise<Response> }> {
    const api = await TestApi.start({ PROJECTIONS: 'off', READ_YOUR_WRITES_TIMEOUT_MS: String(readYourWritesTimeoutMs) });
    const region = uniqueId('shutdown-region');
    const created = await api.post('/regions', { id: region, name: 'Kazan', kind: 'city' });
    expect(created.status).toBe(201);
    const slowQuery = () => fetch(`${api.url}/regions/${region}/timeline?minPosition=${created.body.position.commit}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    return { api, slowQuery };
  }

  async function inFlight(api: TestApi): Promise<number> {
    const scrape = parsePrometheusText((await api.get<string>('/metrics')).body);
    // Less the scrape itself.
    return (scrape.value('kontakt_http_requests_in_flight') ?? 0) - 1;
  }

  it('flips readiness, refuses new requests with 503 and Connection: close, lets the request in flight finish, then closes', async () => {
    const { api, slowQuery } = await startWithSlowQuery(2_000);
    try {
      const events = (await api.allEvents()).length;
      const order: string[] = [];
      const slow = slowQuery().then(async (response) => {
        order.push('in-flight request answered');
        return { status: response.status, body: (await response.json()) as { code: string } };
      });
      while ((await inFlight(api)) < 1) await delay(10);

      const shutdown = shutDownGracefully(api.app, 10_000).then(() => order.push('shut down'));
      const ready = await api.get('/health/ready');
      expect({ status: ready.status, reasons: ready.body.reasons, shuttingDown: ready.body.shuttingDown }).toEqual({ status: 503, reasons: ['shutting down'], shuttingDown: true });
      expect(await api.get('/health/live')).toMatchObject({ status: 200, body: { status: 'alive', shuttingDown: true } });
      const refused = await api.post('/regions', { id: uniqueId('shutdown-refused'), name: 'Moscow', kind: 'city' });
      expectProblem(refused, 503, 'SHUTTING_DOWN');
      expect({ connection: refused.headers.get('connection'), retryAfter: refused.headers.get('retry-after') }).toEqual({ connection: 'close', retryAfter: '1' });
      expect((await api.allEvents()).length).toBe(events);

      // The request in flight gets its own answer (the query's timeout), not the shutdown's.
      expect(await slow).toEqual({ status: 503, body: expect.objectContaining({ code: 'PROJECTION_BEHIND' }) });
      await shutdown;
      expect(order).toEqual(['in-flight request answered', 'shut down']);
      await expect(fetch(`${api.url}/health/live`)).rejects.toThrow();
    } finally {
      await rm(api.dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('stops waiting after the shutdown timeout and closes the connections still busy', async () => {
    const { api, slowQuery } = await startWithSlowQuery(20_000);
    try {
      const slow = slowQuery().then(
        (response) => `answered ${response.status}`,
        (error: Error) => `connection closed: ${error.message}`,
      );
      while ((await inFlight(api)) < 1) await delay(10);

      await shutDownGracefully(api.app, 200);
      expect(await slow).toMatch(/^connection closed: /);
    } finally {
      await rm(api.dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
