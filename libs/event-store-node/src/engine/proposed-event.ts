/** An event as a client proposes it for appending. */
export interface ProposedEvent {
  eventId: string;
  eventType: string;
  isJson: boolean;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

/** Bytes an append counts against the maximum append size, as EventStoreDB counts them (payloads and type names). */
export function proposedSize(events: ProposedEvent[]): number {
  return events.reduce((sum, event) => sum + event.data.length + event.customMetadata.length + Buffer.byteLength(event.eventType), 0);
}
