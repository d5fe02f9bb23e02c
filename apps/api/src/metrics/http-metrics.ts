import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Gauge, Histogram, Registry } from 'prom-client';
import { ShutdownState } from '../shutdown/shutdown-state';

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * HTTP requests by method, route and status. The route is the pattern Fastify matched (`/cooperations/:id/meetings`),
 * never the URL as sent: ids and query strings would make a time series per entity. Unmatched URLs share one label.
 */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry, shutdown: ShutdownState) {
    this.duration = new Histogram({
      name: 'kontakt_http_request_duration_seconds',
      help: 'HTTP requests from arrival to the response sent, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers: [registry],
    });
    new Gauge({
      name: 'kontakt_http_requests_in_flight',
      help: 'HTTP requests admitted and not yet answered (what a graceful shutdown waits for)',
      registers: [registry],
      collect() {
        this.set(shutdown.requestsInFlight);
      },
    });
  }

  answered(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    this.duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  }
}
