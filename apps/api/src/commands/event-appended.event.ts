import type { IEvent } from '@nestjs/cqrs';
import type { EventMetadata } from '@app/event-store';

/** Published on the Nest event bus for each event, only once it is durably appended to the event store. */
export class EventAppended implements IEvent {
  constructor(
    readonly streamName: string,
    readonly eventId: string,
    readonly type: string,
    readonly data: object,
    readonly metadata: EventMetadata,
    /** The event's revision in its stream (0-based). */
    readonly revision: bigint,
  ) {}
}
