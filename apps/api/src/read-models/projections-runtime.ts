import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { kontaktEventSchemas } from '@app/event-store';
import { KONTAKT_PROJECTIONS, leaseOwnerId, ProjectionEngine, type EngineLogger } from '@app/projections';
import type { PersonalDataRevealer } from '@app/personal-data';
import { openReadModelDatabase, readModelTargetFrom, type ReadModelDatabase } from '@app/read-model';
import type { AppConfig } from '../config/app-config';
import type { ReadModelWriter } from './read-model-writer';

/**
 * The read side of one API process: the read-model store (one connection for queries, and the process's writing
 * connection for the projections, as SQLite serialises everything on one connection) and, unless PROJECTIONS=off,
 * the projection engine that keeps it up to date from `$all`, reading personal fields through the revealer. Stopped
 * before the event-store client closes.
 */
export class ProjectionsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private static readonly logger = new Logger('Projections');

  private constructor(
    /** For queries. */
    readonly reader: ReadModelDatabase,
    readonly engine: ProjectionEngine | undefined,
  ) {}

  /** `writer` has opened (and migrated) the store already, so the reader opens one that is up to date. */
  static async open(config: AppConfig, client: EventStoreDBClient, writer: ReadModelWriter, revealer: PersonalDataRevealer): Promise<ProjectionsRuntime> {
    const target = readModelTargetFrom(config.readModel.url, config.dataDir);
    const options = { onConnectionError: (error: Error) => this.logger.warn(`read-model store: an idle connection failed and was discarded: ${error.message}`) };
    const reader = await openReadModelDatabase(target, options);
    const engine = config.projections.run
      ? new ProjectionEngine({
          client,
          store: writer.database,
          definitions: KONTAKT_PROJECTIONS,
          schemas: kontaktEventSchemas(),
          revealer,
          logger: engineLogger(this.logger),
          // The same leases as the projection workers: an API with PROJECTIONS=on beside them, or several API
          // replicas, run each projection in one process at a time and take over from each other.
          lease: { owner: leaseOwnerId('api'), ttlMs: config.projections.leaseTtlMs },
        })
      : undefined;
    return new ProjectionsRuntime(reader, engine);
  }

  private startup: ProjectionsStartup = 'pending';

  /** Whether the engine's start (first builds from `$all`, then the subscription) has finished: readiness waits for it. */
  get startupState(): ProjectionsStartup {
    return this.startup;
  }

  /**
   * Starts in the background: the API serves commands at once, queries catch up (see minPosition). Only the tables
   * are awaited (quick: the read-model store alone), so that the API does not listen before them and a first query
   * finds them empty while they are built rather than answering 503 READ_MODEL_NOT_BUILT.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.engine === undefined) return;
    let prepared!: () => void;
    const tablesReady = new Promise<void>((resolve) => (prepared = resolve));
    const startup = this.engine.start({ onPrepared: prepared }).then(
      () => {
        this.startup = 'started';
      },
      (error: unknown) => {
        this.startup = 'failed';
        ProjectionsRuntime.logger.error(`projections failed to start: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    await Promise.race([tablesReady, startup]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // The writer is ReadModelWriter's to close, after everything that writes through it has stopped.
    await this.engine?.stop();
    await this.reader.close();
  }
}

/** `pending` until the engine's start() settles; `failed` when it threw (logged; the projections then do not run). */
export type ProjectionsStartup = 'pending' | 'started' | 'failed';

function engineLogger(logger: Logger): EngineLogger {
  return {
    info: (message, fields) => logger.log({ msg: message, ...fields }),
    warn: (message, fields) => logger.warn({ msg: message, ...fields }),
    error: (message, fields) => logger.error({ msg: message, ...fields }),
  };
}
