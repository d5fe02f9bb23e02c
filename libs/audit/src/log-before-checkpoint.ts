import { chainLinkOf, linkDigestOf } from '@app/event-store';
import { isSystemRecord, type AuditPosition } from './audited-event';
import type { EarlierEvents } from './audit-log';
import type { EventLocation } from './chain-verifier';

/** What the log before a checkpoint says about a lane that writes after it. */
export interface LaneBeforeCheckpoint {
  /** The lane's last event before the checkpoint: its next event must link to it. */
  head?: { digest: string; location: EventLocation };
  /** No event of the lane before the checkpoint, and the event it is anchored on is there. */
  anchored: boolean;
}

const PAGE = 256;

/**
 * The log before a checkpoint, read backwards on demand, for an incremental verification: a lane that writes after
 * the checkpoint either continues from its last event before it, or began after it anchored on an event before it.
 * One backward pass serves every lane asked about and reads no further back than the oldest answer needs: the
 * lane's last event, or its anchor (a lane's events all follow its anchor, so none can be older). A lane idle since
 * long before the checkpoint makes it read that far back; a lane anchored on nothing it finds, to the start.
 */
export class LogBeforeCheckpoint {
  private cursor: AuditPosition | null;
  private exhausted: boolean;
  /** Each lane met, at its latest event before the checkpoint (the first met reading backwards). */
  private readonly laneHeads = new Map<string, { digest: string; location: EventLocation }>();
  private readonly digests = new Set<string>();

  constructor(
    private readonly earlier: EarlierEvents,
    checkpointPosition: AuditPosition | null,
  ) {
    this.cursor = checkpointPosition;
    this.exhausted = checkpointPosition === null;
  }

  async lane(lane: string, anchor: string | null): Promise<LaneBeforeCheckpoint> {
    while (!this.exhausted && !this.laneHeads.has(lane) && !(anchor !== null && this.digests.has(anchor))) await this.readPage();
    const head = this.laneHeads.get(lane);
    return head ? { head, anchored: false } : { anchored: anchor !== null && this.digests.has(anchor) };
  }

  private async readPage(): Promise<void> {
    const { events, atStart } = await this.earlier(this.cursor!, PAGE);
    for (const event of events) {
      if (isSystemRecord(event)) continue;
      const digest = linkDigestOf({ streamId: event.streamId, revision: Number(event.revision), eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
      this.digests.add(digest);
      const link = chainLinkOf(event.metadata);
      if (link?.v === 2 && !this.laneHeads.has(link.lane)) {
        this.laneHeads.set(link.lane, { digest, location: { position: event.position, streamId: event.streamId, revision: event.revision.toString(), eventId: event.eventId } });
      }
    }
    const oldest = events.at(-1);
    if (atStart || oldest === undefined) this.exhausted = true;
    else this.cursor = oldest.position;
  }
}
