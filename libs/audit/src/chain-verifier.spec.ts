import fc from 'fast-check';
import { chainHash, type ChainLink, type ChainPredecessors, type LaneChainLink } from '@app/event-store';
import type { AuditCheckpoint } from './audit-checkpoint';
import type { AuditLog } from './audit-log';
import { comparePositions, type AuditedEvent } from './audited-event';
import { ChainVerifier, type VerifierOptions } from './chain-verifier';
import { verifyAuditLog } from './verify-event-store';

interface Append {
  stream: string;
  data: Record<string, unknown>;
  /** The lane that appends it (default 0); ignored for v1. */
  lane?: number;
  /** Written by the single writer before lanes (v1). */
  v1?: boolean;
  /** A lane's first event: how many events appended before it the lane read the head (0: the one just before). */
  anchorLag?: number;
}

const laneId = (lane: number) => `c0ffee${'0'.repeat(18)}${lane.toString(16).padStart(8, '0')}`;
const linkOf = (event: AuditedEvent) => (event.metadata as { chain: ChainLink }).chain;

/**
 * What AggregateEventStore writes, without the event store: each event chained to its stream and, through its lane,
 * to the lane's previous event; a lane's first event anchored on the head of the log when the lane started.
 */
function chainedHistory(appends: readonly Append[]): AuditedEvent[] {
  const streams = new Map<string, { revision: number; hash: string }>();
  const lanes = new Map<number, string>();
  const digests: string[] = [];
  return appends.map(({ stream, data, lane = 0, v1 = false, anchorLag = 0 }, index) => {
    const previous = streams.get(stream);
    const revision = previous ? previous.revision + 1 : 0;
    const metadata = { actor: { id: `actor-${index % 3}`, role: 'editor' }, recordedAt: new Date(1_700_000_000_000 + index).toISOString(), correlationId: 'c', causationId: 'c', requestId: `r-${index}`, schemaVersion: 1 };
    const eventId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const streamPrev = previous?.hash ?? null;
    const predecessors: ChainPredecessors = v1
      ? { v: 1, streamPrev, globalPrev: digests.at(-1) ?? null }
      : { v: 2, streamPrev, lane: laneId(lane), lanePrev: lanes.get(lane) ?? digests[digests.length - 1 - anchorLag] ?? null };
    const hash = chainHash({ streamId: stream, revision, eventId, type: 'MeetingHeld', data, metadata }, predecessors);
    streams.set(stream, { revision, hash });
    if (!v1) lanes.set(lane, hash);
    digests.push(hash);
    const position = String(100 * (index + 1));
    return { position: { commit: position, prepare: position }, streamId: stream, revision: BigInt(revision), eventId, type: 'MeetingHeld', data, metadata: { ...metadata, chain: { ...predecessors, hash } } };
  });
}

/** The event with its data or its link's predecessors changed and its hash recomputed, as a careful forger does. */
function forge(event: AuditedEvent, change: { data?: unknown; link?: Partial<ChainPredecessors> }): AuditedEvent {
  const { chain, ...metadata } = event.metadata as { chain: ChainLink };
  const { hash: _stale, ...predecessors } = chain;
  const link = { ...predecessors, ...change.link } as ChainPredecessors;
  const data = change.data ?? event.data;
  const hash = chainHash({ streamId: event.streamId, revision: Number(event.revision), eventId: event.eventId, type: event.type, data, metadata }, link);
  return { ...event, data, metadata: { ...metadata, chain: { ...link, hash } } };
}

/** `events` at the positions of `at` (what a reordering in the log looks like). */
const placed = (events: readonly AuditedEvent[], at: readonly AuditedEvent[]) => events.map((event, index) => ({ ...event, position: at[index].position }));

function verify(events: readonly AuditedEvent[], options?: VerifierOptions) {
  const verifier = new ChainVerifier(options);
  for (const event of events) verifier.feed(event);
  return verifier.result();
}

/** The history as an event store would serve it, for verifyAuditLog (incremental runs read back before a checkpoint). */
function logOf(history: readonly AuditedEvent[]): AuditLog {
  return {
    async *forward(from) {
      for (const event of history) if (from === null || comparePositions(event.position, from) >= 0) yield event;
    },
    eventAt: async (streamId, revision) => history.find((event) => event.streamId === streamId && event.revision === revision),
    earlier: async (before, count) => {
      const older = history.filter((event) => comparePositions(event.position, before) < 0).reverse();
      return { events: older.slice(0, count), atStart: older.length <= count };
    },
  };
}

const key = Buffer.from('test-key-of-at-least-thirty-two-characters', 'utf8');
const verifyFrom = async (history: readonly AuditedEvent[], from: AuditCheckpoint) => (await verifyAuditLog(logOf(history), { key, from })).report;

// Two lanes of one writer and a lane of a second one, interleaved as concurrent appends land in $all.
const story = chainedHistory([
  { stream: 'cooperation-a', data: { entryId: 'e1', occurredOn: '2017-03', place: 'Leipzig' }, lane: 0 },
  { stream: 'cooperation-b', data: { entryId: 'e2', occurredOn: '2017-10', place: 'Kazan' }, lane: 1 },
  { stream: 'cooperation-a', data: { entryId: 'e3', occurredOn: '2017-10', topics: ['logistics'] }, lane: 1 },
  { stream: 'person-c', data: { entryId: 'e4', occurredOn: '2018', level: 3 }, lane: 2, anchorLag: 1 },
  { stream: 'cooperation-b', data: { entryId: 'e5', occurredOn: '2018-05', place: 'Minsk' }, lane: 0 },
  { stream: 'cooperation-a', data: { entryId: 'e6', occurredOn: '2019', level: 4 }, lane: 2 },
]);

describe('ChainVerifier', () => {
  it('finds genuine interleaved lanes intact and reaches the head of the log', () => {
    const report = verify(story);
    expect(report).toMatchObject({ intact: true, events: 6, chained: 6, unchained: 0, streams: 3, lanes: 3, brokenLinks: 0, firstBreak: null });
    expect(report.head).toEqual({ position: story[5].position, events: 6, globalHead: linkOf(story[5]).hash, logDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('names an altered payload as the first broken link, with the hash expected and the one found', () => {
    const altered = story.map((event, index) => (index === 1 ? { ...event, data: { ...(event.data as object), place: 'Kazam' } } : event));
    const report = verify(altered);
    expect(report.firstBreak).toMatchObject({ kind: 'content', position: story[1].position, streamId: 'cooperation-b', revision: '0', eventId: story[1].eventId, found: linkOf(story[1]).hash });
    expect(report.brokenLinks).toBe(1);
  });

  it('catches an alteration whose link hash was recomputed too: at its lane\'s next event, the lane anchored on it and its stream\'s next', () => {
    const forged = forge(story[1], { data: { ...(story[1].data as object), place: 'Halle' } });
    const report = verify(story.map((original, index) => (index === 1 ? forged : original)));
    // story[2] continues lane 1, story[3] begins lane 2 anchored on story[1], story[4] is cooperation-b's next event.
    expect(report.firstBreak).toMatchObject({ kind: 'lane-link', eventId: story[2].eventId, expected: linkOf(forged).hash, found: linkOf(story[1]).hash, previous: { eventId: story[1].eventId } });
    expect(report.brokenLinks).toBe(3);
  });

  it('names the next event of the lane when an event of the lane is removed, or two of its events are swapped', () => {
    const oneLane = chainedHistory([
      { stream: 'cooperation-a', data: { n: 1 }, lane: 0 },
      { stream: 'cooperation-b', data: { n: 2 }, lane: 0 },
      { stream: 'cooperation-c', data: { n: 3 }, lane: 0 },
    ]);
    const [first, second, third] = oneLane;
    expect(verify([first, third]).firstBreak).toMatchObject({ kind: 'lane-link', eventId: third.eventId, expected: linkOf(first).hash, found: linkOf(second).hash, previous: { eventId: first.eventId } });
    expect(verify(placed([first, third, second], oneLane)).firstBreak).toMatchObject({ kind: 'lane-link', eventId: third.eventId, expected: linkOf(first).hash, found: linkOf(second).hash });
  });

  it('breaks a lane anchored on an event that is not in the log before it: unknown, removed, or moved after it', () => {
    const unknown = forge(story[3], { link: { lanePrev: 'f'.repeat(64) } });
    expect(verify([...story.slice(0, 3), unknown]).firstBreak).toMatchObject({ kind: 'lane-link', eventId: story[3].eventId, expected: null, found: 'f'.repeat(64) });
    // Lane 2 began anchored on story[1]: its first event moved before it is caught at the anchor.
    const anchoredOn = (linkOf(story[3]) as LaneChainLink).lanePrev;
    expect(anchoredOn).toBe(linkOf(story[1]).hash);
    expect(verify(placed([story[0], story[3], story[1], story[2]], story)).firstBreak).toMatchObject({ kind: 'lane-link', eventId: story[3].eventId, found: anchoredOn });
  });

  it('accepts lanes that began on an empty log wherever their first event lands (writers starting together)', () => {
    const history = chainedHistory([
      { stream: 'access-tokens', data: { n: 1 }, lane: 0 },
      { stream: 'region-kazan', data: { n: 2 }, lane: 1, anchorLag: 5 },
      { stream: 'region-minsk', data: { n: 3 }, lane: 2, anchorLag: 5 },
    ]);
    expect(history.map((event) => linkOf(event))).toEqual([expect.objectContaining({ lanePrev: null }), expect.objectContaining({ lanePrev: null }), expect.objectContaining({ lanePrev: null })]);
    expect(verify(history)).toMatchObject({ intact: true, lanes: 3 });
  });

  it('cannot see a removed event that ended both its lane and its stream, unless a later lane is anchored on it; a published checkpoint can', () => {
    const history = chainedHistory([
      { stream: 'cooperation-a', data: { n: 1 }, lane: 0 },
      { stream: 'cooperation-b', data: { n: 2 }, lane: 1 },
      { stream: 'cooperation-a', data: { n: 3 }, lane: 0 },
      { stream: 'cooperation-c', data: { n: 4 }, lane: 2 },
    ]);
    const published = verify(history).head;
    const withoutSecond = [history[0], history[2], history[3]];
    expect(verify(withoutSecond).intact).toBe(true);
    expect(verify(withoutSecond, { expect: [published] }).firstBreak).toMatchObject({ kind: 'checkpoint' });
    // Lane 2 began right after the third event: removing that one is caught at the anchor.
    expect(verify([history[0], history[1], history[3]]).firstBreak).toMatchObject({ kind: 'lane-link', eventId: history[3].eventId });
  });

  it('catches, against a published checkpoint, a lane rewritten with every hash recomputed', () => {
    const genuine = chainedHistory([
      { stream: 'cooperation-a', data: { place: 'Kazan' }, lane: 0 },
      { stream: 'cooperation-b', data: { place: 'Leipzig' }, lane: 1 },
      { stream: 'cooperation-a', data: { place: 'Halle' }, lane: 0 },
    ]);
    const rewritten = chainedHistory([
      { stream: 'cooperation-a', data: { place: 'Kazan' }, lane: 0 },
      { stream: 'cooperation-b', data: { place: 'Leipzig (forged)' }, lane: 1 },
      { stream: 'cooperation-a', data: { place: 'Halle' }, lane: 0 },
    ]);
    const published = verify(genuine).head;
    // The head event's hash does not depend on lane 1: only the log digest shows the forgery.
    expect(verify(rewritten).head.globalHead).toBe(published.globalHead);
    expect(verify(rewritten).intact).toBe(true);
    expect(verify(rewritten, { expect: [published] }).firstBreak).toMatchObject({ kind: 'checkpoint', expected: published.logDigest });
  });

  it('verifies a single-writer (v1) history continued by lanes, checking the v1 part by its old rule', () => {
    const mixed = chainedHistory([
      { stream: 'cooperation-a', data: { n: 1 }, v1: true },
      { stream: 'cooperation-b', data: { n: 2 }, v1: true },
      { stream: 'cooperation-c', data: { n: 3 }, v1: true },
      { stream: 'cooperation-a', data: { n: 4 }, lane: 0 },
      { stream: 'cooperation-b', data: { n: 5 }, lane: 1, anchorLag: 1 },
    ]);
    expect(verify(mixed)).toMatchObject({ intact: true, chained: 5, lanes: 2 });
    expect(verify([mixed[0], ...mixed.slice(2)]).firstBreak).toMatchObject({ kind: 'global-link', eventId: mixed[2].eventId });
  });

  it('counts events without a link as unchained', () => {
    const foreign: AuditedEvent = { position: { commit: '150', prepare: '150' }, streamId: 'other-app', revision: 0n, eventId: 'f', type: 'Ping', data: {}, metadata: {} };
    const report = verify([story[0], foreign, ...story.slice(1)]);
    expect(report).toMatchObject({ intact: true, unchained: 1, chained: 6, firstUnchained: { streamId: 'other-app' } });
  });

  it('reports a chained stream with an event stripped of its link', () => {
    const stripped = story.map((event, index) => {
      if (index !== 2) return event;
      const { chain: _chain, ...metadata } = event.metadata as { chain: unknown };
      return { ...event, metadata };
    });
    expect(verify(stripped).firstBreak).toMatchObject({ kind: 'missing-link', eventId: story[2].eventId });
  });

  it('skips system records', () => {
    const system: AuditedEvent = { position: { commit: '250', prepare: '250' }, streamId: '$$cooperation-a', revision: 0n, eventId: 's', type: '$metadata', data: {}, metadata: {} };
    expect(verify([story[0], story[1], system, ...story.slice(2)])).toMatchObject({ intact: true, systemRecords: 1, events: 6 });
  });

  describe('from a checkpoint', () => {
    it('continues lanes that wrote before it and accepts lanes anchored before it, checking only what follows', async () => {
      const head = verify(story.slice(0, 3)).head;
      // After it: lane 2 begins, anchored on story[1] (before the checkpoint); lane 0 continues from story[0].
      const report = await verifyFrom(story, head);
      expect(report).toMatchObject({ intact: true, mode: 'incremental', checked: 3, events: 6 });
      expect(report.head).toEqual(verify(story).head);
    });

    it('catches a removed event after it, whether its lane began after the checkpoint or before', async () => {
      const head = verify(story.slice(0, 3)).head;
      // Lane 2 began after the checkpoint; without its first event, story[3], it seems to begin at story[5] anchored on it.
      expect((await verifyFrom([...story.slice(0, 3), story[4], story[5]], head)).firstBreak).toMatchObject({ kind: 'lane-link', eventId: story[5].eventId });
      const lanes = chainedHistory([
        { stream: 'cooperation-a', data: { n: 1 }, lane: 0 },
        { stream: 'cooperation-b', data: { n: 2 }, lane: 1 },
        { stream: 'cooperation-c', data: { n: 3 }, lane: 0 },
        { stream: 'cooperation-d', data: { n: 4 }, lane: 0 },
      ]);
      const checkpoint = verify(lanes.slice(0, 2)).head;
      expect(await verifyFrom(lanes, checkpoint)).toMatchObject({ intact: true, checked: 2 });
      // Lane 0's last event before the checkpoint is lanes[0]; lanes[3] names lanes[2], which is gone.
      expect((await verifyFrom([lanes[0], lanes[1], lanes[3]], checkpoint)).firstBreak).toMatchObject({ kind: 'lane-link', eventId: lanes[3].eventId, expected: linkOf(lanes[0]).hash, previous: { eventId: lanes[0].eventId } });
    });

    it('notices when the event at its position changed', () => {
      const head = verify(story.slice(0, 2)).head;
      const moved = verify([story[0], { ...story[1], position: { commit: '201', prepare: '201' } }, story[2]], { from: head });
      expect(moved.firstBreak).toMatchObject({ kind: 'checkpoint' });
    });

    it('verifies the whole log against a v1 checkpoint, which has no log digest to continue from', async () => {
      const { logDigest: _none, ...v1 } = verify(story.slice(0, 3)).head;
      expect(await verifyFrom(story, v1)).toMatchObject({ intact: true, mode: 'full', checked: 6 });
      const rewritten = [story[0], { ...story[1], metadata: { ...(story[1].metadata as object), chain: { ...linkOf(story[1]), hash: 'e'.repeat(64) } } }, ...story.slice(2)];
      expect((await verifyFrom(rewritten, v1)).intact).toBe(false);
    });
  });

  it('holds the log to a published checkpoint: a cut tail is caught', () => {
    const published = verify(story).head;
    expect(verify(story, { expect: [published] }).intact).toBe(true);
    expect(verify(story.slice(0, 5), { expect: [published] }).firstBreak).toMatchObject({ kind: 'checkpoint' });
  });

  // Any single alteration of any stored event (one character of a value, the type, the id, the stream, the revision)
  // and any duplicated event is detected. Against a published checkpoint, so is any removal and any swap of two
  // neighbours. Without one, a removal is detected exactly when a later event links to the removed one (its stream's
  // or lane's next event, or a lane anchored on it), and a swap when the second links to the first or either is a v1
  // link: events of different lanes and streams may be told apart in $all only by the checkpoint's log digest.
  it('detects every single alteration of a random history of several lanes', () => {
    const appends = fc.array(
      fc.record({
        stream: fc.constantFrom('cooperation-a', 'cooperation-b', 'person-c', 'region-d'),
        data: fc.record({ entryId: fc.string({ minLength: 1, maxLength: 8 }), place: fc.string({ minLength: 1, maxLength: 12 }), level: fc.integer({ min: 0, max: 9 }) }),
        lane: fc.integer({ min: 0, max: 3 }),
        anchorLag: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 2, maxLength: 14 },
    );
    const histories = fc.tuple(appends, fc.nat({ max: 4 })).map(([list, v1Count]) => list.map((append, index) => ({ ...append, v1: index < v1Count })));
    const alterations = fc.constantFrom('data', 'metadata', 'type', 'eventId', 'streamId', 'revision', 'remove', 'swap', 'duplicate');
    fc.assert(
      fc.property(histories, fc.nat(), alterations, fc.nat(), (list, at, alteration, salt) => {
        const history = chainedHistory(list);
        const index = at % history.length;
        const published = verify(history).head;
        expect(verify(history).intact).toBe(true);
        const tampered = alter(history, index, alteration, salt);
        if (tampered === undefined) return;
        expect(verify(tampered, { expect: [published] }).intact).toBe(false);
        expect(verify(tampered).intact).toBe(hiddenWithoutCheckpoint(history, index, alteration));
      }),
      { numRuns: 600 },
    );
  });
});

/** The digests an event's link names: its stream's and its lane's (or v1: global) predecessors. */
function namedBy(event: AuditedEvent): (string | null)[] {
  const link = linkOf(event);
  return [link.streamPrev, link.v === 1 ? link.globalPrev : link.lanePrev];
}

/** Whether the alteration leaves the log looking genuine to a verification without a published checkpoint. */
function hiddenWithoutCheckpoint(history: readonly AuditedEvent[], index: number, alteration: string): boolean {
  const digest = linkOf(history[index]).hash;
  if (alteration === 'remove') return !history.slice(index + 1).some((later) => namedBy(later).includes(digest));
  if (alteration === 'swap') return !(namedBy(history[index + 1]).includes(digest) || linkOf(history[index]).v === 1 || linkOf(history[index + 1]).v === 1);
  return false;
}

function alter(history: AuditedEvent[], index: number, alteration: string, salt: number): AuditedEvent[] | undefined {
  const copy = history.map((event) => ({ ...event }));
  const event = copy[index];
  const flip = (text: string) => text.slice(0, salt % text.length) + String.fromCharCode((text.charCodeAt(salt % text.length) % 126) + 1) + text.slice((salt % text.length) + 1);
  switch (alteration) {
    case 'data': {
      const data = event.data as { place: string };
      event.data = { ...data, place: flip(data.place) };
      break;
    }
    case 'metadata': {
      const metadata = event.metadata as { actor: { id: string } };
      event.metadata = { ...metadata, actor: { ...metadata.actor, id: flip(metadata.actor.id) } };
      break;
    }
    case 'type':
      event.type = flip(event.type);
      break;
    case 'eventId':
      event.eventId = flip(event.eventId);
      break;
    case 'streamId':
      event.streamId = `${event.streamId}x`;
      break;
    case 'revision':
      event.revision += 1n;
      break;
    case 'remove':
      copy.splice(index, 1);
      break;
    case 'swap': {
      if (index + 1 >= copy.length) return undefined;
      const [a, b] = [copy[index], copy[index + 1]];
      copy[index] = { ...b, position: a.position };
      copy[index + 1] = { ...a, position: b.position };
      break;
    }
    case 'duplicate': {
      const position = { commit: String(Number(event.position.commit) + 50), prepare: String(Number(event.position.prepare) + 50) };
      copy.splice(index + 1, 0, { ...event, position });
      break;
    }
  }
  return copy;
}
