import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { AggregateEventStore, kontaktEventSchemas } from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventStoreModule } from '../event-store/event-store.module';
import { AppendMetrics } from '../metrics/append-metrics';
import { MeteredAggregateEventStore } from '../metrics/metered-aggregate-event-store';
import { MetricsRegistryModule } from '../metrics/metrics-registry.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { EntityDirectory } from './entity-directory';

/** What every command handler shares: the aggregate event store, the entity directory, the CQRS buses and the personal-data vault. */
@Module({
  imports: [CqrsModule, EventStoreModule, PersonalDataModule, MetricsRegistryModule],
  providers: [
    {
      provide: AggregateEventStore,
      // Counted and timed (see MeteredAggregateEventStore): every append of the API goes through this one instance.
      useFactory: (client: EventStoreDBClient, config: AppConfig, metrics: AppendMetrics) =>
        new MeteredAggregateEventStore(client, kontaktEventSchemas(), { chainLanes: config.audit.chainLanes }, metrics),
      inject: [EventStoreDBClient, APP_CONFIG, AppendMetrics],
    },
    EntityDirectory,
  ],
  exports: [CqrsModule, AggregateEventStore, EntityDirectory, PersonalDataModule],
})
export class CommandsModule {}
