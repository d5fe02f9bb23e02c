import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { AggregateEventStore, kontaktEventSchemas } from '@app/event-store';
import { EventStoreModule } from '../event-store/event-store.module';
import { EntityDirectory } from './entity-directory';

/** What every command handler shares: the aggregate event store, the entity directory and the CQRS buses. */
@Module({
  imports: [CqrsModule, EventStoreModule],
  providers: [
    { provide: AggregateEventStore, useFactory: (client: EventStoreDBClient) => new AggregateEventStore(client, kontaktEventSchemas()), inject: [EventStoreDBClient] },
    EntityDirectory,
  ],
  exports: [CqrsModule, AggregateEventStore, EntityDirectory],
})
export class CommandsModule {}
