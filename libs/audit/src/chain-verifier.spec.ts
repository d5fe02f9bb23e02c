import fc from 'fast-check';
import { chainHash, CHAIN_VERSION } from '@app/event-store';
import type { AuditedEvent } from './audited-event';
import { ChainVerifier, type VerifierOptions } from './chain-verifier';

type Metadata = Record<string, unknown> & { chain?: { hash: string } };

/** What AggregateEventStore writes, without the event store: each event chained to its stream and to the one before. */
function chainedHistory(appends: readonly { stream: string; data: Record<string, unknown> }[]): AuditedEvent[] {
  const streams = new Map<string, { revision: number; hash: string }>();
  let globalPrev: string | null = null;
  return appends.map(({ stream, data }, index) => {
    const previous = streams.get(stream);
    const revision = previous ? previous.revision + 1 : 0;
    const metadata = { actor: { id: `actor-${index % 3}`, role: 'editor' }, recordedAt: new Date(1_700_000_000_000 + index).toISOString(), correlationId: 'c', causationId: 'c', requestId: `r-${index}`, schemaVersion: 1 };
    const eventId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const streamPrev = previous?.hash ?? null;
    const hash = chainHash({ streamId: stream, revision, eventId, type: 'MeetingHeld', data, metadata }, streamPrev, globalPrev);
    const chain = { v: CHAIN_VERSION, hash, streamPrev, globalPrev };
    streams.set(stream, { revision, hash });
    globalPrev = hash;
    const position = String(100 * (index + 1));
    return { position: { commit: position, prepare: position }, streamId: stream, revision: BigInt(revision), eventId, type: 'MeetingHeld', data, metadata: { ...metadata, chain } };
  });
}

function verify(events: readonly AuditedEvent[], options?: VerifierOptions) {
  const verifier = new ChainVerifier(options);
  for (const event of events) verifier.feed(event);
  return verifier.result();
}

const story = chainedHistory([
  { stream: 'cooperation-a', data: { entryId: 'e1', occurredOn: '2017-03', place: 'Leipzig' } },
  { stream: 'cooperation-b', data: { entryId: 'e2', occurredOn: '2017-10', place: 'Kazan' } },
  { stream: 'cooperation-a', data: { entryId: 'e3', occurredOn: '2017-10', topics: ['logistics'] } },
  { stream: 'cooperation-a', data: { entryId: 'e4', occurredOn: '2018', level: 3 } },
]);

describe('ChainVerifier', () => {
  it('finds an untouched history intact and reaches its head', () => {
    const report = verify(story);
    expect(report).toMatchObject({ intact: true, events: 4, chained: 4, unchained: 0, streams: 2, brokenLinks: 0, firstBreak: null });
    expect(report.head).toEqual({ position: story[3].position, events: 4, globalHead: (story[3].metadata as Metadata).chain!.hash });
  });

  it('names an altered payload as the first broken link, with the hash expected and the one found', () => {
    const altered = story.map((event, index) => (index === 1 ? { ...event, data: { ...(event.data as object), place: 'Kazam' } } : event));
    const report = verify(altered);
    expect(report.firstBreak).toMatchObject({ kind: 'content', position: story[1].position, streamId: 'cooperation-b', revision: '0', eventId: story[1].eventId, found: (story[1].metadata as Metadata).chain!.hash });
    expect(report.brokenLinks).toBe(1);
  });

  it('catches an alteration whose link hash was recomputed too, at the next event of the stream and of $all', () => {
    const event = story[0];
    const data = { ...(event.data as object), place: 'Halle' };
    const metadata = event.metadata as Metadata & { chain: { hash: string; streamPrev: null; globalPrev: null } };
    const { chain, ...rest } = metadata;
    const hash = chainHash({ streamId: event.streamId, revision: 0, eventId: event.eventId, type: event.type, data, metadata: rest }, chain.streamPrev, chain.globalPrev);
    const forged = [{ ...event, data, metadata: { ...rest, chain: { ...chain, hash } } }, ...story.slice(1)];
    const report = verify(forged);
    expect(report.firstBreak).toMatchObject({ kind: 'global-link', eventId: story[1].eventId, expected: hash, found: chain.hash, previous: { eventId: event.eventId } });
  });

  it('catches a removed, and a reordered, event', () => {
    expect(verify([story[0], story[2], story[3]]).firstBreak).toMatchObject({ kind: 'global-link', eventId: story[2].eventId });
    expect(verify([story[0], story[2], story[1], story[3]]).firstBreak).toMatchObject({ kind: 'global-link', eventId: story[2].eventId });
    expect(verify([story[1], story[2], story[3]]).firstBreak).toMatchObject({ kind: 'global-link', eventId: story[1].eventId });
  });

  it('counts events without a link as unchained, and links the next chained event through them', () => {
    const foreign: AuditedEvent = { position: { commit: '150', prepare: '150' }, streamId: 'other-app', revision: 0n, eventId: 'f', type: 'Ping', data: {}, metadata: {} };
    const report = verify([story[0], foreign, ...story.slice(1)]);
    expect(report).toMatchObject({ intact: true, unchained: 1, chained: 4, firstUnchained: { streamId: 'other-app' } });
  });

  it('reports a chained stream with an event stripped of its link', () => {
    const stripped = story.map((event, index) => {
      if (index !== 2) return event;
      const { chain: _chain, ...metadata } = event.metadata as Metadata;
      return { ...event, metadata };
    });
    expect(verify(stripped).firstBreak).toMatchObject({ kind: 'missing-link', eventId: story[2].eventId });
  });

  it('skips system records', () => {
    const system: AuditedEvent = { position: { commit: '250', prepare: '250' }, streamId: '$$cooperation-a', revision: 0n, eventId: 's', type: '$metadata', data: {}, metadata: {} };
    expect(verify([story[0], story[1], system, story[2], story[3]])).toMatchObject({ intact: true, systemRecords: 1, events: 4 });
  });

  it('continues from a checkpoint, and notices when the event at its position changed', () => {
    const head = verify(story.slice(0, 2)).head;
    const verifier = new ChainVerifier({ from: head });
    for (const event of story.slice(1)) {
      if (verifier.needsStreamPredecessor(event)) verifier.seedStream(event.streamId, event.revision - 1n, (story[0].metadata as Metadata).chain!.hash, { position: story[0].position, streamId: 'cooperation-a', revision: '0', eventId: story[0].eventId });
      verifier.feed(event);
    }
    expect(verifier.result()).toMatchObject({ intact: true, mode: 'incremental', checked: 2, events: 4 });
    const moved = verify([story[0], { ...story[1], position: { commit: '201', prepare: '201' } }, story[2]], { from: head });
    expect(moved.firstBreak).toMatchObject({ kind: 'checkpoint' });
  });

  it('holds the log to a published checkpoint: a cut tail is caught', () => {
    const published = verify(story).head;
    expect(verify(story, { expect: [published] }).intact).toBe(true);
    expect(verify(story.slice(0, 3), { expect: [published] }).firstBreak).toMatchObject({ kind: 'checkpoint' });
  });

  // Any single alteration of any stored event (one character of a value, the type, the id, the stream, the revision),
  // any removal and any swap of two neighbours is detected; with a published checkpoint, removing the last one too.
  it('detects every single alteration of a random history', () => {
    const histories = fc.array(
      fc.record({ stream: fc.constantFrom('cooperation-a', 'cooperation-b', 'person-c'), data: fc.record({ entryId: fc.string({ minLength: 1, maxLength: 8 }), place: fc.string({ minLength: 1, maxLength: 12 }), level: fc.integer({ min: 0, max: 9 }) }) }),
      { minLength: 2, maxLength: 12 },
    );
    const alterations = fc.constantFrom('data', 'metadata', 'type', 'eventId', 'streamId', 'revision', 'remove', 'swap');
    fc.assert(
      fc.property(histories, fc.nat(), alterations, fc.nat(), (appends, at, alteration, salt) => {
        const history = chainedHistory(appends);
        const index = at % history.length;
        const published = verify(history).head;
        const tampered = alter(history, index, alteration, salt);
        if (tampered === undefined) return;
        expect(verify(tampered, { expect: [published] }).intact).toBe(false);
        const tail = alteration === 'remove' && index === history.length - 1;
        if (!tail) expect(verify(tampered).intact).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

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
  }
  return copy;
}
