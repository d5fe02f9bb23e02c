export { AggregateEventStore } from './aggregate-event-store';
export type { AppendRequest, AppendResult, LoadedStream, RecordedEvent } from './aggregate-event-store';
export { deterministicEventId, nameBasedUuid } from './deterministic-event-id';
export { ConcurrencyConflictError, mapClientError, StreamGoneError } from './event-store-errors';
export { isEventMetadata } from './event-metadata';
export type { CommandMetadata, EventMetadata, SourceReference } from './event-metadata';
export { EventSchemas } from './event-schemas';
export type { DomainEventShape, Upcaster } from './event-schemas';
export { streamName } from './stream-name';
