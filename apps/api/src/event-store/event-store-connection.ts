import { join } from 'node:path';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventStoreDBClient } from '@eventstore/db-client';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import type { AppConfig } from '../config/app-config';
import { nestNodeLogger } from './nest-node-logger';

export type EventStoreMode = 'external' | 'embedded';

/**
 * The API's one EventStoreDB client: to the server named by EVENTSTORE_CONNECTION_STRING, or else to an embedded node
 * started in a worker thread with its log under `<DATA_DIR>/event-store`. Closed, and the embedded node stopped, on shutdown.
 */
export class EventStoreConnection implements OnApplicationShutdown {
  private static readonly logger = new Logger('EventStore');

  private constructor(
    readonly client: EventStoreDBClient,
    readonly mode: EventStoreMode,
    private readonly embedded?: EmbeddedEventStore,
  ) {}

  static async open(config: AppConfig): Promise<EventStoreConnection> {
    const { connectionString } = config.eventStore;
    if (connectionString !== undefined) {
      return new EventStoreConnection(EventStoreDBClient.connectionString(connectionString), 'external');
    }
    const dataDir = join(config.dataDir, 'event-store');
    const embedded = await startEmbeddedEventStore({ dataDir, port: 0, logger: nestNodeLogger(this.logger) });
    this.logger.log(`embedded event store listening on ${embedded.connectionString}, data in ${dataDir}`);
    return new EventStoreConnection(EventStoreDBClient.connectionString(embedded.connectionString), 'embedded', embedded);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.dispose();
    await this.embedded?.stop();
  }
}
