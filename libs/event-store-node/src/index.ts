export { EventStoreNode } from './event-store-node';
export * from './node-options';
export { startEmbeddedEventStore, type EmbeddedEventStore } from './hosting/embedded-event-store';
export { jsonLinesLogger } from './hosting/json-lines-logger';
