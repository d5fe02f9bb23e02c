import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { headPosition, KONTAKT_PROJECTIONS } from '@app/projections';
import { expectProblem, TestApi, uniqueId, useTestApi, type Requester } from '../support/api.harness';
import { delay } from '../support/event-store-node.harness';
import { parsePrometheusText, type Scrape } from '../support/prometheus-text';
import { readModelStores } from '../support/read-model-stores';

const PROJECTIONS = KONTAKT_PROJECTIONS.map((definition) => definition.name);
const METRICS_TOKEN = 'scrape-token-for-the-metrics-test';

async function scrape(api: Pick<Requester, 'get'>, headers?: Record<string, string>): Promise<Scrape> {
  const response = await api.get<string>('/metrics', headers);
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8' });
  return parsePrometheusText(response.body);
}

/** Waits until every projection's checkpoint has reached the head of the log. */
async function caughtUp(api: TestApi): Promise<void> {
  const head = (await headPosition(api.client))?.commit ?? 0n;
  await eventually('the projections caught up', async () => {
    const { projections } = (await api.get<{ projections: { checkpoint: { commit: string } | null }[] }>('/projections')).body;
    return projections.every((projection) => projection.checkpoint !== null && BigInt(projection.checkpoint.commit) >= head);
  });
}

/** Polls `condition` every 50 ms until it holds, or fails naming `what` after `timeoutMs`. */
async function eventually(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await delay(50);
  }
}

describe.each(readModelStores())('GET /metrics, read models on %s', (_store, scratchStore) => {
  const api = useTestApi({}, scratchStore);

  it('answers in the Prometheus text format, open without METRICS_TOKEN, with typed metrics and the process defaults', async () => {
    const metrics = await scrape(api().withToken(undefined));
    expect(Object.fromEntries([...metrics.types].filter(([name]) => name.startsWith('kontakt_')))).toEqual({
      kontakt_events_appended_total: 'counter',
      kontakt_event_store_append_duration_seconds: 'histogram',
      kontakt_command_duration_seconds: 'histogram',
      kontakt_http_request_duration_seconds: 'histogram',
      kontakt_http_requests_in_flight: 'gauge',
      kontakt_event_store_up: 'gauge',
      kontakt_projection_events_applied_total: 'counter',
      kontakt_projection_errors_total: 'counter',
      kontakt_projection_subscription_errors_total: 'counter',
      kontakt_projection_subscription_restarts_total: 'counter',
      kontakt_projection_checkpoint_position: 'gauge',
      kontakt_projection_lag_events: 'gauge',
      kontakt_projection_lag_seconds: 'gauge',
      kontakt_projection_state: 'gauge',
    });
    expect(metrics.types.get('process_cpu_seconds_total')).toBe('counter');
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(metrics.value('kontakt_event_store_up', { mode: 'embedded' })).toBe(1);
    // The scrape itself is in flight while it is answered.
    expect(metrics.value('kontakt_http_requests_in_flight')).toBeGreaterThanOrEqual(1);
  });

  it('counts exactly the events appended, by type and category, and times each append', async () => {
    await caughtUp(api());
    const before = await scrape(api());
    const region = uniqueId('metrics-region');
    const appended = await api().eventsAppendedBy(async () => {
      for (const id of [region, uniqueId('metrics-region'), uniqueId('metrics-region')]) {
        expect((await api().post('/regions', { id, name: `Region ${id}`, kind: 'city' })).status).toBe(201);
      }
      for (const id of [uniqueId('metrics-org'), uniqueId('metrics-org')]) {
        expect((await api().post('/organisations', { id, name: `Organisation ${id}`, kind: 'network', regionId: region })).status).toBe(201);
      }
    });
    const after = await scrape(api());

    expect(appended).toBe(5);
    const delta = (name: string, labels: Record<string, string> = {}) => after.sum(name, labels) - before.sum(name, labels);
    expect(delta('kontakt_events_appended_total')).toBe(appended);
    expect(delta('kontakt_events_appended_total', { type: 'RegionRegistered', category: 'region' })).toBe(3);
    expect(delta('kontakt_events_appended_total', { type: 'OrganisationRegistered', category: 'organisation' })).toBe(2);
    // One append per command here, each with one event.
    expect(delta('kontakt_event_store_append_duration_seconds_count', { outcome: 'appended' })).toBe(5);
    expect(delta('kontakt_event_store_append_duration_seconds_sum', { outcome: 'appended' })).toBeGreaterThan(0);

    await caughtUp(api());
    const applied = await scrape(api());
    for (const projection of PROJECTIONS) {
      expect({ projection, applied: applied.sum('kontakt_projection_events_applied_total', { projection }) - before.sum('kontakt_projection_events_applied_total', { projection }) }).toEqual({ projection, applied: 5 });
    }
  });

  it('times commands by command and outcome, with every bucket, and counts a refused command as refused', async () => {
    const id = uniqueId('metrics-command');
    const before = await scrape(api());
    expect((await api().post('/regions', { id, name: 'Kazan', kind: 'city' })).status).toBe(201);
    expect((await api().post('/regions', { id: uniqueId('metrics-command'), name: 'Kazan', kind: 'city' })).status).toBe(201);
    let refusal;
    const appendedByRefusal = await api().eventsAppendedBy(async () => {
      refusal = await api().post('/regions', { id, name: 'Kazan again', kind: 'city' });
    });
    expectProblem(refusal!, 409, 'REGION_ALREADY_EXISTS');
    expect(appendedByRefusal).toBe(0);
    // Malformed: refused by validation before it is a command; only the HTTP metrics see it.
    expectProblem(await api().post('/regions', { id: uniqueId('metrics-command'), kind: 'city' }), 400, 'INVALID_REQUEST', 'name');
    const after = await scrape(api());

    const accepted = { command: 'RegisterRegion', outcome: 'accepted', status_class: '2xx' };
    const refused = { command: 'RegisterRegion', outcome: 'refused', status_class: '4xx' };
    const delta = (name: string, labels: Record<string, string>) => after.sum(name, labels) - before.sum(name, labels);
    expect(delta('kontakt_command_duration_seconds_count', accepted)).toBe(2);
    expect(delta('kontakt_command_duration_seconds_count', refused)).toBe(1);
    expect(delta('kontakt_command_duration_seconds_count', { command: 'RegisterRegion' })).toBe(3);
    const buckets = after.matching('kontakt_command_duration_seconds_bucket', accepted);
    expect(buckets.map((bucket) => bucket.labels.le)).toEqual(['0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
    expect(after.value('kontakt_command_duration_seconds_bucket', { ...accepted, le: '+Inf' })).toBe(after.value('kontakt_command_duration_seconds_count', accepted));
    // Buckets are cumulative.
    const counts = buckets.map((bucket) => bucket.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));

    expect(delta('kontakt_http_request_duration_seconds_count', { method: 'POST', route: '/regions', status: '201' })).toBe(2);
    expect(delta('kontakt_http_request_duration_seconds_count', { method: 'POST', route: '/regions', status: '409' })).toBe(1);
    expect(delta('kontakt_http_request_duration_seconds_count', { method: 'POST', route: '/regions', status: '400' })).toBe(1);
  });

  it('labels HTTP requests with the route pattern, never the URL as sent', async () => {
    const ids = [uniqueId('metrics-unknown'), uniqueId('metrics-unknown')];
    for (const id of ids) expect((await api().get(`/regions/${id}?asOf=2017`)).status).toBeGreaterThanOrEqual(400);
    expect((await api().get(`/no-such-route/${ids[0]}`)).status).toBe(404);
    const metrics = await scrape(api());

    expect(metrics.labelValues('kontakt_http_request_duration_seconds_count', 'route')).toEqual(expect.arrayContaining(['/regions/:id', 'unmatched', '/metrics']));
    const labelText = JSON.stringify(metrics.samples.map((sample) => sample.labels));
    for (const id of ids) expect(labelText).not.toContain(id);
    expect(labelText).not.toContain('asOf');
  });

  it('reports every projection caught up: live, no lag, its checkpoint at the head of the log', async () => {
    expect((await api().post('/regions', { id: uniqueId('metrics-lag'), name: 'Leipzig', kind: 'city' })).status).toBe(201);
    await caughtUp(api());
    const head = await headPosition(api().client);
    const metrics = await scrape(api());

    for (const projection of PROJECTIONS) {
      expect({
        projection,
        lagEvents: metrics.value('kontakt_projection_lag_events', { projection }),
        lagSeconds: metrics.value('kontakt_projection_lag_seconds', { projection }),
        checkpoint: metrics.value('kontakt_projection_checkpoint_position', { projection }),
        states: metrics.matching('kontakt_projection_state', { projection }).map((sample) => [sample.labels.state, sample.value]),
        errors: metrics.sum('kontakt_projection_errors_total', { projection }),
      }).toEqual({ projection, lagEvents: 0, lagSeconds: 0, checkpoint: Number(head!.commit), states: [['live', 1]], errors: 0 });
    }
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  const api = useTestApi({ METRICS_TOKEN });

  it('answers 401 without the token, with another one or with an API token, and the metrics with it', async () => {
    for (const authorization of ['', 'Bearer not-the-metrics-token-at-all', `Bearer ${api().adminToken}`]) {
      const response = await api().get('/metrics', { authorization });
      expectProblem(response, 401, 'UNAUTHENTICATED', 'Authorization');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="kontakt-metrics"');
    }
    const metrics = await scrape(api(), { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.types.get('kontakt_events_appended_total')).toBe('counter');
  });
});

describe('the projection metrics across an event-store outage', () => {
  let dataDir: string;
  let node: EmbeddedEventStore | undefined;
  let api: TestApi | undefined;
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-metrics-outage-'));
    node = await startEmbeddedEventStore({ dataDir, port: 0, logger: quiet });
    api = await TestApi.start({ EVENTSTORE_CONNECTION_STRING: node.connectionString });
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    await node?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('counts the subscription failing and restarting, reports the event store down, then caught up again', async () => {
    await eventually('projections started', async () => (await api!.get('/health/ready')).status === 200);
    const before = await scrape(api!);
    const { port } = node!;
    await node!.stop();
    node = undefined;

    await eventually('the subscription failure counted', async () => (await scrape(api!)).sum('kontakt_projection_subscription_errors_total') > before.sum('kontakt_projection_subscription_errors_total'));
    expect((await scrape(api!)).value('kontakt_event_store_up', { mode: 'external' })).toBe(0);

    node = await startEmbeddedEventStore({ dataDir, port, logger: quiet });
    await eventually('the event store answering again', async () => (await api!.post('/regions', { id: uniqueId('after-outage'), name: 'Kazan', kind: 'city' })).status === 201);
    await caughtUp(api!);
    const after = await scrape(api!);

    expect(after.value('kontakt_event_store_up', { mode: 'external' })).toBe(1);
    expect(after.sum('kontakt_projection_subscription_restarts_total')).toBeGreaterThan(before.sum('kontakt_projection_subscription_restarts_total'));
    for (const projection of PROJECTIONS) expect({ projection, lag: after.value('kontakt_projection_lag_events', { projection }) }).toEqual({ projection, lag: 0 });
  }, 60_000);
});
