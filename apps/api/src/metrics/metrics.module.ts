import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '../event-store/event-store.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ShutdownModule } from '../shutdown/shutdown.module';
import { CommandMetrics } from './command-metrics';
import { EventStoreMetrics } from './event-store-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsRegistryModule } from './metrics-registry.module';
import { MetricsController } from './metrics.controller';
import { ProjectionMetrics } from './projection-metrics';

/**
 * GET /metrics and what feeds it, each observing something that exists anyway: the command bus, the one aggregate
 * event store (MetricsRegistryModule), Fastify's responses (registerHttpMetrics), the projection engine's activity
 * and status, the event-store health probe. Nothing in the handlers or the domain knows of metrics.
 */
@Module({
  imports: [MetricsRegistryModule, CqrsModule, EventStoreModule, ReadModelsModule, ShutdownModule],
  controllers: [MetricsController],
  providers: [CommandMetrics, HttpMetrics, EventStoreMetrics, ProjectionMetrics],
  exports: [CommandMetrics, HttpMetrics],
})
export class MetricsModule {}
