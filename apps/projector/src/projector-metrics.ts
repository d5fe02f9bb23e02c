import { createMetricsRegistry, observeProjectionEngine, serveMetrics, type MetricsEndpoint, type ObservedProjectionEngine } from '@app/metrics';
import type { ProjectorLogger } from './json-line-logger';

/** What `run` stops when it ends. */
export interface ProjectorMetrics {
  close(): Promise<void>;
}

/**
 * The worker's GET /metrics (METRICS_PORT): the projection metrics the API shows when it runs the projections
 * itself, and the process's default metrics, in a registry of its own.
 */
export async function serveProjectorMetrics(engine: ObservedProjectionEngine, endpoint: MetricsEndpoint, logger: ProjectorLogger): Promise<ProjectorMetrics> {
  const registry = createMetricsRegistry();
  const observed = observeProjectionEngine(engine, registry);
  const server = await serveMetrics(registry, endpoint).catch((error: unknown) => {
    observed.stop();
    throw error;
  });
  logger.info('metrics listening', { url: server.url, token: endpoint.token !== undefined });
  return {
    async close() {
      observed.stop();
      await server.close();
    },
  };
}
