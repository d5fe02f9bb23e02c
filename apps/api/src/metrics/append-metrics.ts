import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

export type AppendOutcome = 'appended' | 'conflict' | 'failed';

// A durable append on the embedded node takes one fsync (~1 ms on a quiet disk), plus any wait for a chain lane.
const APPEND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Events appended to the event store, by type and stream category, and how long each append took, by outcome. */
@Injectable()
export class AppendMetrics {
  private readonly events: Counter<'type' | 'category'>;
  private readonly duration: Histogram<'outcome'>;

  constructor(registry: Registry) {
    this.events = new Counter({
      name: 'kontakt_events_appended_total',
      help: 'Events appended to the event store by this process, by event type and stream category (the stream name before its first "-")',
      labelNames: ['type', 'category'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'kontakt_event_store_append_duration_seconds',
      help: 'Appends to the event store, from the call to the answer (the wait for a free lane of the hash chain included), by outcome',
      labelNames: ['outcome'],
      buckets: APPEND_BUCKETS,
      registers: [registry],
    });
  }

  appended(streamName: string, eventTypes: readonly string[], seconds: number): void {
    const category = categoryOf(streamName);
    for (const type of eventTypes) this.events.inc({ type, category });
    this.duration.observe({ outcome: 'appended' }, seconds);
  }

  refused(outcome: Exclude<AppendOutcome, 'appended'>, seconds: number): void {
    this.duration.observe({ outcome }, seconds);
  }
}

/** EventStoreDB's own convention ($by_category): the category is the stream name up to its first dash. */
export function categoryOf(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}
