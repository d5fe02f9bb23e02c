import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { AggregateEventStore, kontaktEventSchemas } from '@app/event-store';
import { EventStoreModule } from '../event-store/event-store.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { EntityDirectory } from './entity-directory';

/** What every command handler shares: the aggregate event store, the entity directory, the CQRS buses and the personal-data vault. */
@Module({
  imports: [CqrsModule, EventStoreModule, PersonalDataModule],
  providers: [
    { provide: AggregateEventStore, useFactory: (client: EventStoreDBClient) => new AggregateEventStore(client, kontaktEventSchemas()), inject: [EventStoreDBClient] },
    EntityDirectory,
  ],
  exports: [CqrsModule, AggregateEventStore, EntityDirectory, PersonalDataModule],
})
export class CommandsModule {}
