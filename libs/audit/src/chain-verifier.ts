import { chainHash, chainLinkOf, linkDigestOf, metadataWithoutChain, type ChainLink, type ChainSubject, type GlobalChainLink, type LaneChainLink } from '@app/event-store';
import type { AuditCheckpoint } from './audit-checkpoint';
import { comparePositions, isSystemRecord, type AuditedEvent, type AuditPosition } from './audited-event';
import { nextLogDigest } from './log-digest';

/** Where an event sits, as a report names it. */
export interface EventLocation {
  position: AuditPosition;
  streamId: string;
  revision: string;
  eventId: string;
}

export type BreakKind =
  /** The event's content no longer hashes to the hash its link records: payload or metadata altered. */
  | 'content'
  /** Its stream predecessor is not the event its link names: an event of the stream removed, inserted or reordered. */
  | 'stream-link'
  /**
   * Its lane predecessor is not the event its link names (an event of the lane altered, removed, inserted or
   * reordered), or its lane begins anchored on an event that is not in the log before it (that event removed or
   * altered, or moved after it).
   */
  | 'lane-link'
  /** A single-writer (v1) link whose global predecessor is not the event before it in `$all`. */
  | 'global-link'
  /** A stream whose events are chained has one without a link, or with a malformed or unknown-version one. */
  | 'missing-link'
  /** The log does not hold, at a checkpoint's position, the event count, head and log digest that checkpoint recorded. */
  | 'checkpoint';

export interface BrokenLink extends EventLocation {
  kind: BreakKind;
  type: string;
  expected: string | null;
  found: string | null;
  message: string;
  /** The predecessor the link was checked against, when there is one. */
  previous?: EventLocation;
}

export interface VerificationReport {
  intact: boolean;
  /** Full: from the first event of `$all`. Incremental: from a signed checkpoint, which is trusted up to its position. */
  mode: 'full' | 'incremental';
  /** Events of the log (system records aside) up to the head, including those before a checkpoint started from. */
  events: number;
  /** Events this run recomputed. */
  checked: number;
  chained: number;
  /** Events without a link: written before chaining existed or by another writer. Reported, not counted as breaks. */
  unchained: number;
  firstUnchained: EventLocation | null;
  systemRecords: number;
  streams: number;
  /** Chain lanes (v2) whose events this run checked: writers' strands, several per API process under load. */
  lanes: number;
  brokenLinks: number;
  firstBreak: BrokenLink | null;
  /** Where the walk ended (unsigned; the caller signs it when the chain is intact). */
  head: AuditCheckpoint;
}

export interface VerifierOptions {
  /**
   * Continue from this checkpoint (already verified, signature checked): the log must still have its head there. A
   * v1 checkpoint carries no log digest to continue from, so with one the whole log is verified against it instead.
   */
  from?: AuditCheckpoint;
  /** Published checkpoints the log must still agree with as it is walked. */
  expect?: readonly AuditCheckpoint[];
}

interface ChainHead {
  digest: string;
  location: EventLocation;
}

interface StreamHead extends ChainHead {
  revision: bigint;
  chained: boolean;
}

/**
 * Recomputes the hash chains over `$all`, fed one record at a time in log order. Pure: the caller reads the log.
 * After a break it continues from what is stored, so one altered event is reported once and later events are still
 * checked; `firstBreak` is the earliest.
 *
 * Each event's content is checked against its own hash; its stream link against the stream's previous event; a v2
 * link against its lane's previous event or, for a lane's first event, against the events before it (its anchor must
 * be one of them, or null); a v1 link against the event before it in `$all`, as the single writer wrote them.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, StreamHead>();
  private readonly lanes = new Map<string, ChainHead>();
  /** The link digest of every event walked: what a new lane may be anchored on. */
  private readonly seen = new Set<string>();
  private readonly expectations: AuditCheckpoint[];
  /** The checkpoint continued from (v2 only); undefined for a full run. */
  private readonly from: AuditCheckpoint | undefined;
  private events = 0;
  private checked = 0;
  private chained = 0;
  private unchained = 0;
  private firstUnchained: EventLocation | null = null;
  private systemRecords = 0;
  /** Lanes whose events this run checked. */
  private readonly lanesChecked = new Set<string>();
  private brokenLinks = 0;
  private firstBreak: BrokenLink | null = null;
  /** The link digest of the last event, and of the last chained one: the global predecessors a v1 link may name. */
  private lastDigest: string | null = null;
  private lastChained: string | null = null;
  private logDigest: string | null = null;
  private last: EventLocation | null = null;
  private anchor: AuditCheckpoint | undefined;

  constructor(options: VerifierOptions = {}) {
    const from = options.from;
    const resumable = from !== undefined && from.logDigest !== undefined;
    this.from = resumable ? from : undefined;
    this.expectations = [...(options.expect ?? []), ...(from && !resumable ? [from] : [])].sort((a, b) => a.events - b.events);
    if (this.from && this.from.position !== null) {
      this.anchor = this.from;
      this.events = this.from.events;
      this.lastDigest = this.lastChained = this.from.globalHead;
      this.logDigest = this.from.logDigest ?? null;
    }
  }

  /** Where the caller starts reading `$all`: at the checkpoint continued from (inclusive), else from the start. */
  get startPosition(): AuditPosition | null {
    return this.from?.position ?? null;
  }

  /** Incremental mode: this event's stream began before the checkpoint, so its predecessor must be given (`seedStream`). */
  needsStreamPredecessor(event: AuditedEvent): boolean {
    return this.from !== undefined && !isSystemRecord(event) && event.revision > 0n && !this.streams.has(event.streamId);
  }

  /** The predecessor of a stream's first event after a checkpoint, read by the caller (`digest` null: none stored). */
  seedStream(streamId: string, revision: bigint, digest: string | null, location: EventLocation): void {
    if (digest !== null) this.streams.set(streamId, { revision, digest, chained: true, location });
  }

  /**
   * Incremental mode: this event is the first after the checkpoint of a lane not seen since, and its lane predecessor
   * is no event after the checkpoint: the caller looks before it (`seedLane`, `seedAnchor`) for the lane's last event,
   * or for the event the lane is anchored on.
   */
  lanePredecessorNeeded(event: AuditedEvent): { lane: string; lanePrev: string | null } | undefined {
    if (this.from === undefined || this.anchor !== undefined || isSystemRecord(event)) return undefined;
    const link = chainLinkOf(event.metadata);
    if (link?.v !== 2 || this.lanes.has(link.lane) || (link.lanePrev !== null && this.seen.has(link.lanePrev))) return undefined;
    return { lane: link.lane, lanePrev: link.lanePrev };
  }

  /** The lane's last event before the checkpoint, read by the caller. */
  seedLane(lane: string, digest: string, location: EventLocation): void {
    this.lanes.set(lane, { digest, location });
  }

  /** An event before the checkpoint with this link digest exists: a lane may be anchored on it. */
  seedAnchor(digest: string): void {
    this.seen.add(digest);
  }

  feed(event: AuditedEvent): void {
    if (isSystemRecord(event)) {
      this.systemRecords += 1;
      return;
    }
    const location: EventLocation = { position: event.position, streamId: event.streamId, revision: event.revision.toString(), eventId: event.eventId };
    const subject: ChainSubject = { streamId: event.streamId, revision: Number(event.revision), eventId: event.eventId, type: event.type, data: event.data, metadata: metadataWithoutChain(event.metadata) };
    if (this.anchor && this.atAnchor(event, location, subject)) return;
    this.events += 1;
    this.checked += 1;
    const stream = this.streams.get(event.streamId);
    const link = chainLinkOf(event.metadata);
    let digest: string;
    if (link === undefined) {
      digest = linkDigestOf(subject);
      const malformed = event.metadata !== null && typeof event.metadata === 'object' && 'chain' in event.metadata;
      if (malformed || stream?.chained) {
        this.report('missing-link', event, location, 'a chain link', malformed ? 'a malformed or unknown-version link' : 'no link',
          malformed ? 'the chain link in its metadata is malformed or of an unknown version' : `earlier events of ${event.streamId} are chained, this one carries no link`, stream?.location);
      } else {
        this.unchained += 1;
        this.firstUnchained ??= location;
      }
    } else {
      digest = link.hash;
      this.chained += 1;
      this.checkLink(event, location, subject, link, stream);
      this.lastChained = link.hash;
    }
    this.streams.set(event.streamId, { revision: event.revision, digest, chained: stream?.chained === true || link !== undefined, location });
    if (link?.v === 2) {
      this.lanes.set(link.lane, { digest, location });
      this.lanesChecked.add(link.lane);
    }
    this.advance(digest, location);
    this.checkExpectations(event, location);
  }

  /** The verdict once the whole log has been fed. */
  result(): VerificationReport {
    if (this.anchor) this.breakAtEnd('the checkpoint position holds no event any more: the log was cut before it', this.anchor);
    for (const expectation of this.expectations) {
      this.breakAtEnd(`the log ends after ${this.events} events, before the checkpoint of ${expectation.events} events: events were removed`, expectation);
    }
    this.expectations.length = 0;
    this.anchor = undefined;
    return {
      intact: this.brokenLinks === 0,
      mode: this.from ? 'incremental' : 'full',
      events: this.events,
      checked: this.checked,
      chained: this.chained,
      unchained: this.unchained,
      firstUnchained: this.firstUnchained,
      systemRecords: this.systemRecords,
      streams: this.streams.size,
      lanes: this.lanesChecked.size,
      brokenLinks: this.brokenLinks,
      firstBreak: this.firstBreak,
      head: { position: this.last?.position ?? this.from?.position ?? null, events: this.events, globalHead: this.lastDigest, logDigest: this.logDigest },
    };
  }

  private advance(digest: string, location: EventLocation): void {
    this.seen.add(digest);
    this.lastDigest = digest;
    this.logDigest = nextLogDigest(this.logDigest, digest);
    this.last = location;
  }

  private checkLink(event: AuditedEvent, location: EventLocation, subject: ChainSubject, link: ChainLink, stream: StreamHead | undefined): void {
    const { hash: _hash, ...predecessors } = link;
    const recomputed = chainHash(subject, predecessors);
    if (recomputed !== link.hash) {
      this.report('content', event, location, recomputed, link.hash, 'its payload or metadata no longer hashes to the hash recorded in its link: the event was altered');
      return;
    }
    const streamPrev = stream?.digest ?? null;
    if (link.streamPrev !== streamPrev) {
      this.report('stream-link', event, location, streamPrev, link.streamPrev,
        stream ? `its link names a stream predecessor other than the event before it in ${event.streamId} (revision ${stream.revision}): that event was altered, or events were removed, inserted or reordered` : `its link names a stream predecessor, but it is the first event of ${event.streamId} in the log: earlier events of the stream were removed`,
        stream?.location);
      return;
    }
    if (link.v === 2) this.checkLaneLink(event, location, link);
    else this.checkGlobalLink(event, location, link);
  }

  private checkLaneLink(event: AuditedEvent, location: EventLocation, link: LaneChainLink): void {
    const lane = this.lanes.get(link.lane);
    if (lane !== undefined) {
      if (link.lanePrev !== lane.digest) {
        this.report('lane-link', event, location, lane.digest, link.lanePrev,
          `its link names a lane predecessor other than the previous event of lane ${link.lane}: that event was altered, or events of the lane were removed, inserted or reordered`, lane.location);
      }
    } else if (link.lanePrev !== null && !this.seen.has(link.lanePrev)) {
      // A lane's first event is anchored on the last event of $all when the lane started, so on an event before it.
      // Null: the lane started on an empty log (several writers may start so at once, so null is allowed anywhere:
      // it attests nothing, but a forger gains nothing by it either, since changing an anchor changes the hash).
      this.report('lane-link', event, location, null, link.lanePrev,
        `it begins lane ${link.lane} anchored on an event that is not in the log before it: that event was removed or altered, or moved after it (or the lane's earlier events were removed)`);
    }
  }

  private checkGlobalLink(event: AuditedEvent, location: EventLocation, link: GlobalChainLink): void {
    const globalOk = link.globalPrev === this.lastDigest || (this.lastChained !== this.lastDigest && link.globalPrev === this.lastChained);
    if (!globalOk) {
      this.report('global-link', event, location, this.lastDigest, link.globalPrev,
        this.last ? 'its single-writer (v1) link names a global predecessor other than the event before it in $all: that event was altered, or events were removed, inserted or reordered (or a second writer appended)' : 'its link names a global predecessor, but it is the first event of the log: earlier events were removed',
        this.last ?? undefined);
    }
  }

  /** Incremental mode: records up to the checkpoint are skipped; the one at its position must still carry its head. */
  private atAnchor(event: AuditedEvent, location: EventLocation, subject: ChainSubject): boolean {
    const anchor = this.anchor!;
    const order = comparePositions(event.position, anchor.position!);
    if (order < 0) return true;
    this.anchor = undefined;
    if (order > 0) {
      this.report('checkpoint', event, location, anchor.globalHead, null, `no event at the checkpoint position ${anchor.position!.commit} any more: the log was altered before this event`);
      return false;
    }
    const digest = linkDigestOf({ ...subject, metadata: event.metadata });
    if (digest !== anchor.globalHead) {
      this.report('checkpoint', event, location, anchor.globalHead, digest, 'the event at the checkpoint position is not the one the checkpoint was signed over');
    }
    const link = chainLinkOf(event.metadata);
    this.streams.set(event.streamId, { revision: event.revision, digest, chained: link !== undefined, location });
    if (link?.v === 2) this.lanes.set(link.lane, { digest, location });
    this.seen.add(digest);
    this.last = location;
    return true;
  }

  private checkExpectations(event: AuditedEvent, location: EventLocation): void {
    while (this.expectations.length > 0 && this.expectations[0].events <= this.events) {
      const expectation = this.expectations.shift()!;
      if (expectation.events < this.events) continue; // passed over by a checkpoint started from
      const samePosition = expectation.position !== null && comparePositions(expectation.position, event.position) === 0;
      if (!samePosition) {
        this.report('checkpoint', event, location, expectation.globalHead, this.lastDigest,
          `event ${expectation.events} of the log is not at the published checkpoint's position ${expectation.position?.commit}: events were removed or inserted before it`);
      } else if (expectation.globalHead !== this.lastDigest) {
        this.report('checkpoint', event, location, expectation.globalHead, this.lastDigest, `the event at the published checkpoint's position differs from the one it was signed over: history up to it was rewritten`);
      } else if (expectation.logDigest !== undefined && expectation.logDigest !== this.logDigest) {
        this.report('checkpoint', event, location, expectation.logDigest, this.logDigest,
          `the log digest after ${expectation.events} events differs from the published checkpoint's: an event before it was altered, removed, inserted or moved, and the chains recomputed to hide it`);
      }
    }
  }

  private breakAtEnd(message: string, checkpoint: AuditCheckpoint): void {
    const at = this.last ?? { position: checkpoint.position ?? { commit: '0', prepare: '0' }, streamId: '', revision: '', eventId: '' };
    this.report('checkpoint', { type: '' }, at, checkpoint.globalHead, this.lastDigest, message);
  }

  private report(kind: BreakKind, event: { type: string }, location: EventLocation, expected: string | null, found: string | null, message: string, previous?: EventLocation): void {
    this.brokenLinks += 1;
    this.firstBreak ??= { kind, ...location, type: event.type, expected, found, message, ...(previous ? { previous } : {}) };
  }
}
