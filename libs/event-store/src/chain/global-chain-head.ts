import { BACKWARDS, END, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import { linkDigestOf } from './event-chain';

/** The last event of `$all`: its link digest and where it sits (null/undefined: `$all` is empty). */
export interface GlobalHead {
  digest: string | null;
  position: Position | undefined;
}

const PAGE = 64;

/**
 * The last non-system event in `$all`, read backwards: the anchor a new chain lane starts from, so that the lane's
 * first event attests to the history before it. System events (`$metadata`, tombstones) are not chained.
 */
export async function readGlobalHead(client: EventStoreDBClient): Promise<GlobalHead> {
  let from: Position | typeof END = END;
  for (;;) {
    let found: GlobalHead | undefined;
    let oldest: Position | undefined;
    let records = 0;
    // Read every page to its end: leaving the loop early would abandon the call (client.dispose() then hangs).
    for await (const resolved of client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: PAGE })) {
      const event = resolved.event;
      records += 1;
      if (!event?.position) continue;
      if (from !== END && event.position.commit >= from.commit) continue;
      oldest = event.position;
      if (found !== undefined || event.streamId.startsWith('$') || event.type.startsWith('$')) continue;
      found = {
        digest: linkDigestOf({ streamId: event.streamId, revision: Number(event.revision), eventId: event.id, type: event.type, data: event.data, metadata: event.metadata }),
        position: event.position,
      };
    }
    if (found !== undefined) return found;
    if (records < PAGE || oldest === undefined) return { digest: null, position: undefined };
    from = oldest;
  }
}
