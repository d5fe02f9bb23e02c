import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { END, EventStoreDBClient, type StreamSubscription } from '@eventstore/db-client';
import type { AccessEvent } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { ACCESS_STREAM } from './access-stream';
import { TokenTable } from './token-table';

const RETRY_AFTER_MS = 1000;

/**
 * Keeps the TokenTable equal to the access stream: reads it whole at start-up, then follows it with a subscription,
 * so a token issued or revoked through another replica is known here within moments. The subscription only says
 * "something was appended"; the events themselves are read through AggregateEventStore like every other stream
 * (metadata checked, payloads upcast), from the revision the table has reached.
 */
@Injectable()
export class AccessStreamFollower implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Access');
  private subscription?: StreamSubscription;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;
  private readonly loadedListeners: (() => void)[] = [];

  constructor(
    private readonly store: AggregateEventStore,
    private readonly client: EventStoreDBClient,
    private readonly table: TokenTable,
  ) {}

  async onModuleInit(): Promise<void> {
    // Subscribe before the first read: an append between the two then still wakes us.
    this.subscribe();
    try {
      await this.catchUp();
    } catch (error) {
      // The API still starts (health reports the event store as unreachable, commands answer 503), and keeps trying.
      this.logger.warn(`could not read ${ACCESS_STREAM} (${String(error)}); API tokens cannot be checked until it can`);
      this.retryFirstRead();
    }
  }

  /** Runs `listener` once the access stream has been read (at once if it has). */
  whenLoaded(listener: () => void): void {
    if (this.table.loaded) listener();
    else this.loadedListeners.push(listener);
  }

  /**
   * Applies what the stream holds beyond the table's revision. A call returns once a read that began after it has
   * finished (calls made while one waits share it), so after an append of ours, awaiting this makes it effective.
   */
  catchUp(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const run = this.running.then(() => {
      this.queued = undefined;
      return this.readNewEvents();
    });
    this.queued = run;
    this.running = run.catch(() => undefined);
    return run;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.unsubscribe().catch(() => undefined);
  }

  private async readNewEvents(): Promise<void> {
    const loaded = await this.store.load<AccessEvent>(ACCESS_STREAM, this.table.nextRevision);
    for (const recorded of loaded.events) this.table.apply(recorded);
    if (!this.table.loaded) {
      this.table.loaded = true;
      for (const listener of this.loadedListeners.splice(0)) listener();
    }
  }

  private retryFirstRead(): void {
    setTimeout(() => {
      if (this.stopped || this.table.loaded) return;
      this.catchUp().catch(() => this.retryFirstRead());
    }, RETRY_AFTER_MS).unref();
  }

  private subscribe(): void {
    const subscription = this.client.subscribeToStream(ACCESS_STREAM, { fromRevision: END });
    this.subscription = subscription;
    subscription.on('data', () => {
      this.catchUp().catch((error: unknown) => this.logger.warn(`could not read ${ACCESS_STREAM}: ${String(error)}`));
    });
    subscription.on('error', (error: Error) => {
      if (this.stopped) return;
      // Until it is back, tokens issued or revoked elsewhere are not seen here: say so, and retry.
      this.logger.warn(`subscription to ${ACCESS_STREAM} failed (${error.message}); resubscribing in ${RETRY_AFTER_MS} ms`);
      setTimeout(() => {
        if (this.stopped) return;
        this.subscribe();
        this.catchUp().catch((readError: unknown) => this.logger.warn(`could not read ${ACCESS_STREAM}: ${String(readError)}`));
      }, RETRY_AFTER_MS).unref();
    });
  }
}
