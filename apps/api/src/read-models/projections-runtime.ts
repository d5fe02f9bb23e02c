import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { kontaktEventSchemas } from '@app/event-store';
import { KONTAKT_PROJECTIONS, ProjectionEngine, type EngineLogger } from '@app/projections';
import { openReadModelDatabase, readModelTargetFrom, type ReadModelDatabase } from '@app/read-model';
import type { AppConfig } from '../config/app-config';

/**
 * The read side of one API process: the read-model store (one connection for queries, another for the projections,
 * as SQLite serialises everything on one connection) and, unless PROJECTIONS=off, the projection engine that keeps
 * it up to date from `$all`. Stopped before the event-store client closes.
 */
export class ProjectionsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private static readonly logger = new Logger('Projections');

  private constructor(
    /** For queries. */
    readonly reader: ReadModelDatabase,
    private readonly writer: ReadModelDatabase | undefined,
    readonly engine: ProjectionEngine | undefined,
  ) {}

  static async open(config: AppConfig, client: EventStoreDBClient): Promise<ProjectionsRuntime> {
    const target = readModelTargetFrom(config.readModel.url, config.dataDir);
    // The writer migrates first, so the reader opens a store that is already up to date.
    const options = { onConnectionError: (error: Error) => this.logger.warn(`read-model store: an idle connection failed and was discarded: ${error.message}`) };
    const writer = config.projections.run ? await openReadModelDatabase(target, options) : undefined;
    const reader = await openReadModelDatabase(target, options);
    const engine = writer
      ? new ProjectionEngine({ client, store: writer, definitions: KONTAKT_PROJECTIONS, schemas: kontaktEventSchemas(), logger: engineLogger(this.logger) })
      : undefined;
    return new ProjectionsRuntime(reader, writer, engine);
  }

  /** Starts in the background: the API serves commands at once, queries catch up (see minPosition). */
  onApplicationBootstrap(): void {
    this.engine?.start().catch((error: unknown) => {
      ProjectionsRuntime.logger.error(`projections failed to start: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engine?.stop();
    await this.writer?.close();
    await this.reader.close();
  }
}

function engineLogger(logger: Logger): EngineLogger {
  return {
    info: (message, fields) => logger.log({ msg: message, ...fields }),
    warn: (message, fields) => logger.warn({ msg: message, ...fields }),
    error: (message, fields) => logger.error({ msg: message, ...fields }),
  };
}
