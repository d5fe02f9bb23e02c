import { Counter } from 'prom-client';
import { serveMetrics, type MetricsServer } from './metrics-http-server';
import { createMetricsRegistry, METRICS_CONTENT_TYPE } from './metrics-registry';

describe('serveMetrics', () => {
  const servers: MetricsServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(token?: string): Promise<MetricsServer> {
    const registry = createMetricsRegistry();
    new Counter({ name: 'kontakt_test_scrapes_total', help: 'a counter of the test', registers: [registry] }).inc(3);
    const server = await serveMetrics(registry, { host: '127.0.0.1', port: 0, ...(token === undefined ? {} : { token }) });
    servers.push(server);
    return server;
  }

  it('answers GET /metrics with the registry in the Prometheus text format, default process metrics included', async () => {
    const server = await serve();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
    const response = await fetch(server.url);
    const text = await response.text();
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 200, type: METRICS_CONTENT_TYPE });
    expect(text).toContain('# TYPE kontakt_test_scrapes_total counter\nkontakt_test_scrapes_total 3\n');
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    const server = await serve();
    expect((await fetch(server.url.replace('/metrics', '/'))).status).toBe(404);
    const post = await fetch(server.url, { method: 'POST' });
    expect({ status: post.status, allow: post.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, HEAD' });
  });

  it('with a token, answers 401 without it or with another, 200 with it', async () => {
    const server = await serve('scrape-token-of-a-decent-length');
    const missing = await fetch(server.url);
    expect({ status: missing.status, challenge: missing.headers.get('www-authenticate') }).toEqual({ status: 401, challenge: 'Bearer realm="kontakt-metrics"' });
    expect((await fetch(server.url, { headers: { authorization: 'Bearer another-token-of-a-decent-length' } })).status).toBe(401);
    const allowed = await fetch(server.url, { headers: { authorization: 'Bearer scrape-token-of-a-decent-length' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('kontakt_test_scrapes_total 3');
  });

  it('closes even while a scraper keeps its connection alive', async () => {
    const server = await serve();
    expect((await fetch(server.url, { headers: { connection: 'keep-alive' } })).status).toBe(200);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
