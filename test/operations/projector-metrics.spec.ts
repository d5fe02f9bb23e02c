import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventStoreDBClient, jsonEvent, type JSONType } from '@eventstore/db-client';
import fc from 'fast-check';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { headPosition, KONTAKT_PROJECTIONS } from '@app/projections';
import { delay } from '../support/event-store-node.harness';
import { ProjectorProcess } from '../support/projector.harness';
import { parsePrometheusText, type Scrape } from '../support/prometheus-text';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';
import { historyScripts, writeHistory } from '../projections/support/history.arbitrary';

const PROJECTIONS = KONTAKT_PROJECTIONS.map((definition) => definition.name);
const METRICS_TOKEN = 'scrape-token-for-the-projector';
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

/** `npm run projections -- run` with METRICS_PORT: the worker's own GET /metrics, scraped as Prometheus would. */
describe.each(readModelStores())('the projector worker with METRICS_PORT, read models on %s', (_name, makeStore) => {
  let scratch: ScratchStore;
  let eventStoreDir: string;
  let node: EmbeddedEventStore;
  let client: EventStoreDBClient;
  let projector: ProjectorProcess | undefined;

  beforeAll(async () => {
    scratch = await makeStore();
    eventStoreDir = await mkdtemp(join(tmpdir(), 'kontakt-projector-metrics-'));
    node = await startEmbeddedEventStore({ dataDir: eventStoreDir, port: 0, logger: quiet });
    client = EventStoreDBClient.connectionString(node.connectionString);
  }, 60_000);

  afterAll(async () => {
    if (projector?.running) await projector.kill9();
    await client?.dispose();
    await node?.stop();
    await scratch?.cleanUp();
    if (eventStoreDir) await rm(eventStoreDir, { recursive: true, force: true });
  }, 60_000);

  it('serves the projection metrics: events applied, checkpoint at the head, no lag, live; and stops serving when it stops', async () => {
    const target = scratch.target;
    projector = ProjectorProcess.spawn(['run'], {
      EVENTSTORE_CONNECTION_STRING: node.connectionString,
      ...(target.kind === 'postgres' ? { READ_MODEL_URL: target.url } : { DATA_DIR: dirname(target.file) }),
      METRICS_PORT: '0',
      METRICS_TOKEN,
    });
    const listening = await projector.waitForLog((line) => line.msg === 'metrics listening', 60_000);
    const url = listening.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    await projector.waitForLog((line) => line.msg === 'projections running', 60_000);

    const scrape = async (): Promise<Scrape> => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8' });
      return parsePrometheusText(await response.text());
    };
    expect((await fetch(url)).status).toBe(401);

    // Written after the start: every event reaches the projections through live batches, which the counter counts.
    const [script] = fc.sample(historyScripts({ minLength: 30, maxLength: 40 }), { seed: 7, numRuns: 1 });
    const history = writeHistory(script, 'metrics', Date.UTC(2024, 0, 1));
    for (const event of history.events) {
      await client.appendToStream(event.streamId, jsonEvent({ type: event.type, data: event.data as JSONType, metadata: event.metadata as unknown as JSONType }));
    }
    const head = await headPosition(client);
    const deadline = Date.now() + 60_000;
    let metrics = await scrape();
    while (PROJECTIONS.some((projection) => metrics.value('kontakt_projection_checkpoint_position', { projection }) !== Number(head!.commit))) {
      if (Date.now() > deadline) throw new Error(`the projections did not reach ${head!.commit}: ${JSON.stringify(metrics.matching('kontakt_projection_checkpoint_position'))}`);
      await delay(50);
      metrics = await scrape();
    }

    for (const projection of PROJECTIONS) {
      expect({
        projection,
        applied: metrics.value('kontakt_projection_events_applied_total', { projection }),
        lag: metrics.value('kontakt_projection_lag_events', { projection }),
        states: metrics.matching('kontakt_projection_state', { projection }).map((sample) => sample.labels.state),
        errors: metrics.sum('kontakt_projection_errors_total', { projection }),
      }).toEqual({ projection, applied: history.events.length, lag: 0, states: ['live'], errors: 0 });
    }
    expect(metrics.types.get('kontakt_projection_subscription_restarts_total')).toBe('counter');
    expect(metrics.types.get('process_resident_memory_bytes')).toBe('gauge');
    // The API's own metrics are the API's: the worker shows none of them.
    expect(metrics.types.has('kontakt_http_request_duration_seconds')).toBe(false);

    expect(await projector.stop()).toEqual({ code: 0, signal: null });
    await expect(fetch(url)).rejects.toThrow();
  }, 120_000);
});
