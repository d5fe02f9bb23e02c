import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { createMetricsRegistry } from '@app/metrics';
import { AppendMetrics } from './append-metrics';

/**
 * This app instance's metrics registry (its own, not prom-client's global one) and the append metrics, which the
 * write path needs (CommandsModule) without the rest of the metrics module and its imports.
 */
@Module({
  providers: [{ provide: Registry, useFactory: createMetricsRegistry }, AppendMetrics],
  exports: [Registry, AppendMetrics],
})
export class MetricsRegistryModule {}
