import { collectDefaultMetrics, Registry } from 'prom-client';

/** What `GET /metrics` answers with: the Prometheus text exposition format 0.0.4. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * A registry of its own, with the process's default metrics (CPU, memory, event-loop delay, GC, handles), for one
 * API or projector instance. Not prom-client's global registry: several APIs in one test process would register the
 * same metric names twice there, and count each other's requests.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  // Unprefixed on purpose (process_*, nodejs_*): the names every Node.js dashboard and alert already expects.
  collectDefaultMetrics({ register: registry });
  return registry;
}
