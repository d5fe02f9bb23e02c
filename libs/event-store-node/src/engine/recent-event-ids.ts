import { StreamEntry } from './stream-entry';

export interface RecentEvent {
  entry: StreamEntry;
  revision: number;
}

/**
 * The last `capacity` event ids written, for idempotent `any` appends (EventStoreDB also bounds this cache).
 * Eviction goes through a ring of ids: evicting through `map.keys().next()` walks over every deleted slot since the
 * map's last rehash and cost tens of microseconds per append once the cache was full.
 */
export class RecentEventIds {
  private readonly byId = new Map<string, { event: RecentEvent; slot: number }>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<string | undefined>(capacity);
  }

  get size(): number {
    return this.byId.size;
  }

  get(eventId: string): RecentEvent | undefined {
    return this.byId.get(eventId)?.event;
  }

  remember(eventId: string, event: RecentEvent): void {
    const slot = this.next;
    const evicted = this.ring[slot];
    // An id may be remembered twice (the same id in another stream): drop the map entry only if this slot owns it.
    if (evicted !== undefined && this.byId.get(evicted)?.slot === slot) this.byId.delete(evicted);
    this.ring[slot] = eventId;
    this.next = (slot + 1) % this.capacity;
    this.byId.set(eventId, { event, slot });
  }
}
