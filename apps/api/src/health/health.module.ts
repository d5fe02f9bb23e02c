import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ShutdownModule } from '../shutdown/shutdown.module';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

/** GET /health (the event store), /health/live (the process) and /health/ready (whether to send it traffic). */
@Module({ imports: [EventStoreModule, ReadModelsModule, ShutdownModule], controllers: [HealthController], providers: [Readiness] })
export class HealthModule {}
