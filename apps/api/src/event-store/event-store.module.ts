import { Module } from '@nestjs/common';
import { EventStoreDBClient } from '@eventstore/db-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventStoreConnection } from './event-store-connection';
import { EventStoreHealth } from './event-store-health';

@Module({
  providers: [
    { provide: EventStoreConnection, useFactory: (config: AppConfig) => EventStoreConnection.open(config), inject: [APP_CONFIG] },
    { provide: EventStoreDBClient, useFactory: (connection: EventStoreConnection) => connection.client, inject: [EventStoreConnection] },
    EventStoreHealth,
  ],
  exports: [EventStoreDBClient, EventStoreHealth],
})
export class EventStoreModule {}
