export { EventStoreNode, stderrLogger } from './event-store-node';
export * from './node-options';
export { startEmbeddedEventStore, type EmbeddedEventStore } from './hosting/embedded-event-store';
