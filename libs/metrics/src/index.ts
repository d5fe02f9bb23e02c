// The only public face of @app/metrics.
export { createMetricsRegistry, METRICS_CONTENT_TYPE } from './metrics-registry';
export { observeProjectionEngine } from './projection-engine-metrics';
export type { ObservedProjectionEngine, ProjectionEngineMetrics } from './projection-engine-metrics';
export { serveMetrics } from './metrics-http-server';
export type { MetricsEndpoint, MetricsServer } from './metrics-http-server';
export { bearerTokenMatches } from './metrics-token';
export { sharedWhilePending } from './shared-while-pending';
