import {
  ANY,
  NO_STREAM,
  WrongExpectedVersionError,
  type AppendToStreamOptions,
  type EventData,
} from '@eventstore/db-client';
import { LEGACY_APPEND, collect, failureOf, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

async function idsIn(stream: string): Promise<string[]> {
  const events = await collect(client().readStream(stream));
  return events.map((resolved) => resolved.event!.id);
}

const idsOf = (events: EventData[]) => events.map((event) => event.id);

// EventStoreDB makes an append idempotent by event id: retrying the same events at the same expected position (a
// client retry after a lost acknowledgement) succeeds with the original result and writes nothing.
describe.each<[string, AppendToStreamOptions]>([
  ['BatchAppend', {}],
  ['legacy Append', LEGACY_APPEND],
])('Idempotent append through %s', (_path, callOptions) => {
  it('returns success and writes no duplicates when events are re-appended with no_stream', async () => {
    const stream = uniqueStream('idempotent-no-stream');
    const events = testEvents(2);
    await client().appendToStream(stream, events, { ...callOptions, expectedRevision: NO_STREAM });

    const retry = await client().appendToStream(stream, events, { ...callOptions, expectedRevision: NO_STREAM });

    expect(retry.success).toBe(true);
    expect(retry.nextExpectedRevision).toBe(1n);
    expect(await idsIn(stream)).toEqual(idsOf(events));
  });

  it('returns the original revision when events are re-appended at their exact expected revision after the stream moved on', async () => {
    const stream = uniqueStream('idempotent-exact');
    const first = testEvents(1);
    const second = testEvents(2);
    const third = testEvents(1);
    await client().appendToStream(stream, first, { ...callOptions, expectedRevision: NO_STREAM });
    await client().appendToStream(stream, second, { ...callOptions, expectedRevision: 0n });
    await client().appendToStream(stream, third, { ...callOptions, expectedRevision: 2n });

    const retry = await client().appendToStream(stream, second, { ...callOptions, expectedRevision: 0n });

    expect(retry.success).toBe(true);
    expect(retry.nextExpectedRevision).toBe(2n);
    expect(await idsIn(stream)).toEqual(idsOf([...first, ...second, ...third]));
  });

  it('treats a no_stream retry as idempotent even after later appends', async () => {
    const stream = uniqueStream('idempotent-no-stream-later');
    const events = testEvents(2);
    const later = testEvents(1);
    await client().appendToStream(stream, events, { ...callOptions, expectedRevision: NO_STREAM });
    await client().appendToStream(stream, later, callOptions);

    const retry = await client().appendToStream(stream, events, { ...callOptions, expectedRevision: NO_STREAM });

    expect(retry.nextExpectedRevision).toBe(1n);
    expect(await idsIn(stream)).toEqual(idsOf([...events, ...later]));
  });

  it('returns success and writes no duplicates when the last events are re-appended with any', async () => {
    const stream = uniqueStream('idempotent-any');
    const events = testEvents(3);
    await client().appendToStream(stream, events, { ...callOptions, expectedRevision: ANY });

    const retry = await client().appendToStream(stream, events, { ...callOptions, expectedRevision: ANY });

    expect(retry.success).toBe(true);
    expect(retry.nextExpectedRevision).toBe(2n);
    expect(await idsIn(stream)).toEqual(idsOf(events));
  });

  it('still rejects new events (different ids) at a stale expected revision', async () => {
    const stream = uniqueStream('idempotent-control');
    await client().appendToStream(stream, testEvents(2), { ...callOptions, expectedRevision: NO_STREAM });

    const error = await failureOf(client().appendToStream(stream, testEvents(2), { ...callOptions, expectedRevision: NO_STREAM }));

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(1n);
  });

  it('does not duplicate events in $all on a retry', async () => {
    const stream = uniqueStream('idempotent-all');
    const events = testEvents(2);
    await client().appendToStream(stream, events, { ...callOptions, expectedRevision: NO_STREAM });

    await client().appendToStream(stream, events, { ...callOptions, expectedRevision: NO_STREAM });

    const all = await collect(client().readAll());
    expect(all.filter((resolved) => resolved.event?.streamId === stream).map((resolved) => resolved.event!.id)).toEqual(idsOf(events));
  });
});
