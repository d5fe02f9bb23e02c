import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { openReadModelDatabase, readModelTargetFrom, type ReadModelDatabase } from '@app/read-model';
import type { AppConfig } from '../config/app-config';

/**
 * The one connection of this process that writes the read-model database: the projections' rows (unless
 * PROJECTIONS=off) and the personal-data keys. One, because SQLite serialises writers, and two writing connections in
 * one process would wait on each other synchronously (better-sqlite3 blocks in the busy handler) while the other's
 * transaction needs this very event loop to finish. Kysely queues work on one connection instead. Closed after
 * everything that uses it has stopped (onApplicationShutdown runs after every beforeApplicationShutdown).
 */
export class ReadModelWriter implements OnApplicationShutdown {
  private static readonly logger = new Logger('ReadModelStore');

  private constructor(readonly database: ReadModelDatabase) {}

  static async open(config: AppConfig): Promise<ReadModelWriter> {
    const target = readModelTargetFrom(config.readModel.url, config.dataDir);
    const database = await openReadModelDatabase(target, {
      onConnectionError: (error: Error) => this.logger.warn(`read-model store: an idle connection failed and was discarded: ${error.message}`),
    });
    return new ReadModelWriter(database);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
