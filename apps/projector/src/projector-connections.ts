import { EventStoreDBClient } from '@eventstore/db-client';
import { startEmbeddedEventStore, type EmbeddedEventStore } from '@app/event-store-node';
import { openReadModelDatabase, type ReadModelDatabase } from '@app/read-model';
import type { ProjectorLogger } from './json-line-logger';
import type { ProjectorConfig } from './projector-config';

/** What every command works with: the event store client and the read-model store. */
export interface ProjectorConnections {
  readonly client: EventStoreDBClient;
  readonly store: ReadModelDatabase;
  /** Closes the client and the store, and stops the embedded node if this process started it. */
  close(): Promise<void>;
}

/** The embedded node's data folder is locked by another process: the API, or another projector. */
export class EventStoreInUseError extends Error {
  readonly code = 'EVENT_STORE_IN_USE';
  override readonly name = 'EventStoreInUseError';
}

export async function openConnections(config: ProjectorConfig, logger: ProjectorLogger): Promise<ProjectorConnections> {
  const { client, embedded } = await connectEventStore(config, logger);
  let store: ReadModelDatabase;
  try {
    store = await openReadModelDatabase(config.readModel, {
      onConnectionError: (error) => logger.warn('read-model store: an idle connection failed and was discarded', { error: error.message }),
    });
  } catch (error) {
    await client.dispose();
    await embedded?.stop();
    throw error;
  }
  logger.info('read-model store open', { kind: store.kind, ...(config.readModel.kind === 'sqlite' ? { file: config.readModel.file } : {}) });
  return {
    client,
    store,
    async close() {
      await client.dispose();
      await store.close();
      await embedded?.stop();
    },
  };
}

/** The event store alone, by connection string or by starting the embedded node on its data folder (the audit CLI uses it too). */
export async function connectEventStore(config: Pick<ProjectorConfig, 'eventStore'>, logger: ProjectorLogger): Promise<{ client: EventStoreDBClient; embedded?: EmbeddedEventStore }> {
  const { connectionString, embeddedDataDir } = config.eventStore;
  if (connectionString !== undefined) return { client: EventStoreDBClient.connectionString(connectionString) };
  let embedded: EmbeddedEventStore;
  try {
    embedded = await startEmbeddedEventStore({ dataDir: embeddedDataDir, port: 0, logger });
  } catch (error) {
    const owner = /in use by process (\d+)/.exec((error as Error).message)?.[1];
    if (owner === undefined) throw error;
    throw new EventStoreInUseError(
      `the embedded event store in ${embeddedDataDir} is in use by process ${owner} (the API, or another projector): ` +
        'stop it, or set EVENTSTORE_CONNECTION_STRING to the event store it serves (the API logs the embedded node’s ' +
        'connection string when it starts)',
    );
  }
  logger.info('embedded event store started', { connectionString: embedded.connectionString, dataDir: embeddedDataDir });
  return { client: EventStoreDBClient.connectionString(embedded.connectionString), embedded };
}
