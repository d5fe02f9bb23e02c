import { jsonEvent, START, type ResolvedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { collect, SubscriptionRecorder, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

/** A link event as EventStoreDB's projections write them: type `$>`, data `<revision>@<stream>` as plain bytes. */
function linkTo(revision: number, stream: string) {
  return { id: randomUUID(), type: '$>', contentType: 'application/octet-stream' as const, data: Buffer.from(`${revision}@${stream}`), metadata: undefined };
}

describe('Link events ($>) with resolveLinkTos', () => {
  const target = uniqueStream('link-target');
  const links = uniqueStream('links');

  beforeAll(async () => {
    await client().appendToStream(target, testEvents(3, 'Target'));
    await client().appendToStream(links, [linkTo(2, target), linkTo(0, target), linkTo(7, target)]);
  });

  function summary(resolved: ResolvedEvent) {
    return { event: resolved.event ? `${resolved.event.streamId}@${resolved.event.revision}` : undefined, link: resolved.link ? `${resolved.link.streamId}@${resolved.link.revision}` : undefined };
  }

  it('reads a link as the event it points at, with the link beside it', async () => {
    const events = await collect(client().readStream(links, { resolveLinkTos: true }));

    expect(events.map(summary)).toEqual([
      { event: `${target}@2`, link: `${links}@0` },
      { event: `${target}@0`, link: `${links}@1` },
      { event: undefined, link: `${links}@2` },
    ]);
    expect(events[0].event!.type).toBe('Target');
  });

  it('returns the link records themselves when resolveLinkTos is off', async () => {
    const events = await collect(client().readStream(links));

    expect(events.map(summary)).toEqual([0, 1, 2].map((revision) => ({ event: `${links}@${revision}`, link: undefined })));
    expect(events.map((resolved) => resolved.event!.type)).toEqual(['$>', '$>', '$>']);
  });

  it('reports the link position for a resolved link read from $all', async () => {
    const all = await collect(client().readAll({ fromPosition: START, resolveLinkTos: true }));
    const resolved = all.filter((entry) => entry.link?.streamId === links);

    expect(resolved.map(summary)[0]).toEqual({ event: `${target}@2`, link: `${links}@0` });
    expect(resolved[0].commitPosition).toBe(resolved[0].link!.position!.commit);
  });

  it('resolves links delivered by a catch-up subscription', async () => {
    const recorder = new SubscriptionRecorder(client().subscribeToStream(links, { fromRevision: START, resolveLinkTos: true }));
    try {
      await recorder.waitFor((events) => events.length === 3);
      await client().appendToStream(links, [linkTo(1, target)]);
      const events = await recorder.waitFor((received) => received.length === 4);
      expect(summary(events[3])).toEqual({ event: `${target}@1`, link: `${links}@3` });
    } finally {
      await recorder.subscription.unsubscribe();
    }
  });

  it('leaves a link to a deleted stream unresolved', async () => {
    const doomed = uniqueStream('doomed');
    const doomedLinks = uniqueStream('doomed-links');
    await client().appendToStream(doomed, jsonEvent({ type: 'Doomed', data: {} }));
    await client().appendToStream(doomedLinks, [linkTo(0, doomed)]);
    await client().deleteStream(doomed);

    const [resolved] = await collect(client().readStream(doomedLinks, { resolveLinkTos: true }));

    expect(summary(resolved)).toEqual({ event: undefined, link: `${doomedLinks}@0` });
  });
});
