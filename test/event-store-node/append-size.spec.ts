import {
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  binaryEvent,
  type AppendToStreamOptions,
  type EventData,
} from '@eventstore/db-client';
import { LEGACY_APPEND, collect, failureOf, testEvents, uniqueStream, useInProcessNode, type InProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(20_000);

const MiB = 1024 * 1024;
const KiB = 1024;

const bytes = (size: number): EventData => binaryEvent({ type: 'Payload', data: Buffer.alloc(size, 0x61) });

const paths: Array<[string, AppendToStreamOptions]> = [
  ['BatchAppend', {}],
  ['legacy Append', LEGACY_APPEND],
];

function expectNothingWritten(node: () => InProcessNode, stream: string): Promise<void> {
  return expect(failureOf(collect(node().client.readStream(stream)))).resolves.toBeInstanceOf(StreamNotFoundError);
}

describe('Append size limit of a default node (1 MiB, as EventStoreDB)', () => {
  const node = useInProcessNode();
  const client = () => node().client;

  describe.each(paths)('through %s', (_path, callOptions) => {
    it('refuses a single event larger than 1 MiB with MaxAppendSizeExceededError and writes nothing', async () => {
      const stream = uniqueStream('append-size-single');

      const error = await failureOf(client().appendToStream(stream, bytes(MiB + 64 * KiB), callOptions));

      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(MiB);
      await expectNothingWritten(node, stream);
    });

    it('refuses several events that together exceed 1 MiB, writing none of them', async () => {
      const stream = uniqueStream('append-size-several');

      const error = await failureOf(client().appendToStream(stream, [bytes(400 * KiB), bytes(400 * KiB), bytes(400 * KiB)], callOptions));

      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      await expectNothingWritten(node, stream);
    });

    it('accepts an append comfortably under the limit and returns it intact', async () => {
      const stream = uniqueStream('append-size-under');

      await client().appendToStream(stream, [bytes(450 * KiB), bytes(450 * KiB)], callOptions);

      const events = await collect(client().readStream(stream));
      expect(events.map((resolved) => (resolved.event!.data as Uint8Array).length)).toEqual([450 * KiB, 450 * KiB]);
    });

    it('keeps serving appends on the same connection after a refusal', async () => {
      const stream = uniqueStream('append-size-after');
      await failureOf(client().appendToStream(stream, bytes(2 * MiB), callOptions));

      const result = await client().appendToStream(stream, testEvents(1), callOptions);

      expect(result.nextExpectedRevision).toBe(0n);
    });
  });

  it('assembles an append the client splits into several BatchAppend chunks, atomically and in order', async () => {
    const stream = uniqueStream('append-size-chunks');
    const events = Array.from({ length: 30 }, (_, i) => binaryEvent({ type: 'Chunked', data: Buffer.alloc(1000, i) }));

    // batchAppendSize makes the client cut the request into chunks of about 4 events, only the last marked final.
    const result = await client().appendToStream(stream, events, { batchAppendSize: 4_000 });

    expect(result.nextExpectedRevision).toBe(29n);
    const read = await collect(client().readStream(stream));
    expect(read.map((resolved) => resolved.event!.id)).toEqual(events.map((event) => event.id));
  });

  it('counts the size over all chunks of one BatchAppend request: chunks each under 1 MiB but together over it are refused', async () => {
    const stream = uniqueStream('append-size-chunks-over');

    const error = await failureOf(
      client().appendToStream(stream, [bytes(400 * KiB), bytes(400 * KiB), bytes(400 * KiB)], { batchAppendSize: 500 * KiB }),
    );

    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    await expectNothingWritten(node, stream);
  });

  it('refuses an oversized append to an existing stream without touching it', async () => {
    const stream = uniqueStream('append-size-existing');
    await client().appendToStream(stream, testEvents(2));

    expect(await failureOf(client().appendToStream(stream, bytes(MiB + KiB)))).toBeInstanceOf(MaxAppendSizeExceededError);

    expect((await collect(client().readStream(stream))).map((resolved) => resolved.event!.revision)).toEqual([0n, 1n]);
  });
});

describe('Append size limit of a node started with maxAppendSize 4 KiB', () => {
  const node = useInProcessNode({ maxAppendSize: 4 * KiB });
  const client = () => node().client;

  describe.each(paths)('through %s', (_path, callOptions) => {
    it('refuses an append over 4 KiB, reporting the configured limit', async () => {
      const stream = uniqueStream('append-size-small');

      const error = await failureOf(client().appendToStream(stream, bytes(5 * KiB), callOptions));

      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(4 * KiB);
      await expectNothingWritten(node, stream);
    });

    it('accepts an append under 4 KiB', async () => {
      const stream = uniqueStream('append-size-small');

      const result = await client().appendToStream(stream, [bytes(KiB), bytes(KiB)], callOptions);

      expect(result.nextExpectedRevision).toBe(1n);
    });
  });
});

describe('Append size limit of a node started with maxAppendSize 8 MiB', () => {
  const node = useInProcessNode({ maxAppendSize: 8 * MiB });
  const client = () => node().client;

  it('accepts a 5 MiB append that the client sends as several BatchAppend chunks', async () => {
    const stream = uniqueStream('append-size-large');
    const events = Array.from({ length: 5 }, (_, i) => binaryEvent({ type: 'Large', data: Buffer.alloc(MiB, i) }));

    await client().appendToStream(stream, events);

    const read = await collect(client().readStream(stream));
    expect(read.map((resolved) => resolved.event!.id)).toEqual(events.map((event) => event.id));
  });

  it.each(paths)('accepts a single 6 MiB event through %s (beyond gRPC default 4 MB message size)', async (_path, callOptions) => {
    const stream = uniqueStream('append-size-huge-event');

    await client().appendToStream(stream, bytes(6 * MiB), callOptions);

    const [read] = await collect(client().readStream(stream));
    expect((read.event!.data as Uint8Array).length).toBe(6 * MiB);
  });

  it('refuses a 9 MiB append with the configured limit', async () => {
    const stream = uniqueStream('append-size-too-large');

    const error = await failureOf(client().appendToStream(stream, [bytes(3 * MiB), bytes(3 * MiB), bytes(3 * MiB)]));

    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(8 * MiB);
    await expectNothingWritten(node, stream);
  });
});
