import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { bearerTokenMatches } from './metrics-token';

export interface MetricsEndpoint {
  host: string;
  /** 0: any free port (see MetricsServer.port). */
  port: number;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

export interface MetricsServer {
  /** The port actually listened on. */
  readonly port: number;
  /** `http://<host>:<port>/metrics`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on a small node:http server of its own, for processes without an HTTP API (the projector worker).
 * Anything else is 404; a method other than GET or HEAD on /metrics is 405.
 */
export async function serveMetrics(registry: Registry, endpoint: MetricsEndpoint): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    answer(registry, endpoint, request, response).catch((error: unknown) => {
      if (!response.headersSent) plain(response, 500, `metrics could not be collected: ${(error as Error).message}\n`);
      else response.destroy();
    });
  });
  // Scrapers open a connection per scrape, or keep one alive; neither may hold up close().
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return {
    port,
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answer(registry: Registry, endpoint: MetricsEndpoint, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== '/metrics') return plain(response, 404, 'not found: metrics are at /metrics\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return plain(response, 405, 'only GET and HEAD\n');
  }
  if (endpoint.token !== undefined && !bearerTokenMatches(endpoint.token, request.headers.authorization)) {
    response.setHeader('www-authenticate', 'Bearer realm="kontakt-metrics"');
    return plain(response, 401, 'this endpoint needs Authorization: Bearer <METRICS_TOKEN>\n');
  }
  const text = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : text);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
