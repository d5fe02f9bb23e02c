import type { EventStoreDBClient } from '@eventstore/db-client';
import {
  AggregateEventStore,
  ConcurrencyConflictError,
  type AggregateEventStoreOptions,
  type AppendRequest,
  type AppendResult,
  type DomainEventShape,
  type EventSchemas,
} from '@app/event-store';
import type { AppendMetrics } from './append-metrics';

/**
 * The aggregate event store with every append counted and timed. Every command of the API appends through this one
 * instance (see CommandsModule), so the counts are exact without a line of metrics in the handlers or the domain.
 */
export class MeteredAggregateEventStore extends AggregateEventStore {
  constructor(
    client: EventStoreDBClient,
    schemas: EventSchemas,
    options: AggregateEventStoreOptions,
    private readonly metrics: AppendMetrics,
  ) {
    super(client, schemas, options);
  }

  override async append<E extends DomainEventShape>(request: AppendRequest<E>): Promise<AppendResult> {
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    let result: AppendResult;
    try {
      result = await super.append(request);
    } catch (error) {
      this.metrics.refused(error instanceof ConcurrencyConflictError ? 'conflict' : 'failed', seconds());
      throw error;
    }
    this.metrics.appended(request.streamName, request.events.map((event) => event.type), seconds());
    return result;
  }
}
