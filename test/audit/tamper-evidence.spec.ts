import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { EventStoreDBClient, jsonEvent, START, UnavailableError } from '@eventstore/db-client';
import { verifyEventStore } from '@app/audit';
import { AggregateEventStore, chainHash, type ChainLink, type CommandMetadata, type LaneChainLink } from '@app/event-store';
import { EventStoreNode } from '@app/event-store-node';
import { FILE_HEADER_SIZE } from '@app/event-store-node/storage/event-log';
import { decodeRecord, RECORD_HEADER_SIZE } from '@app/event-store-node/storage/log-record';

jest.setTimeout(30_000);

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const key = Buffer.from('test-key-of-at-least-thirty-two-characters', 'utf8');
const metadata: CommandMetadata = { actor: { id: 'anna.schmidt', role: 'editor' }, recordedAt: '2026-11-28T10:00:00.000Z', correlationId: 'c-1', causationId: 'r-1', requestId: 'r-1', reason: 'from the minutes' };

/** The embedded node on a data folder of its own, restartable, so a test can edit its log while it is stopped. */
class NodeOnDisk {
  node!: EventStoreNode;
  client!: EventStoreDBClient;
  private constructor(readonly dataDir: string) {}

  static async start(): Promise<NodeOnDisk> {
    const node = new NodeOnDisk(await mkdtemp(join(tmpdir(), 'kontakt-tamper-')));
    await node.open();
    return node;
  }

  async open(): Promise<void> {
    this.node = await EventStoreNode.start({ dataDir: this.dataDir, port: 0, logger: quiet });
    this.client = EventStoreDBClient.connectionString(this.node.connectionString);
  }

  async close(): Promise<void> {
    await this.client.dispose();
    await this.node.stop();
  }

  /** Stops the node, lets `edit` rewrite the log file's bytes, starts it again. */
  async tamper(edit: (log: Buffer) => Buffer): Promise<void> {
    await this.close();
    const file = join(this.dataDir, 'events.log');
    await writeFile(file, edit(await readFile(file)));
    await this.open();
  }

  async destroy(): Promise<void> {
    await this.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

interface Located {
  offset: number;
  size: number;
  eventId: string;
  streamId: string;
}

/** Every record of a log file, walked by the length fields. */
function records(log: Buffer): Located[] {
  const found: Located[] = [];
  for (let offset = FILE_HEADER_SIZE; offset + 4 <= log.length; ) {
    const size = log.readUInt32LE(offset);
    if (size === 0) break;
    const record = decodeRecord(log, offset, offset);
    found.push({ offset, size, eventId: record.eventId, streamId: record.streamId });
    offset += size;
  }
  return found;
}

/** What a careful tamperer does after editing a record: recompute its CRC32, so the node's own check passes. */
function resealed(log: Buffer, record: Located): Buffer {
  log.writeUInt32LE(crc32(log.subarray(record.offset + 8, record.offset + record.size - 4)), record.offset + 4);
  return log;
}

/** Replaces `from` by `to` (same byte length) inside one record's payload or metadata, and reseals it. */
function rewrite(log: Buffer, record: Located, from: string, to: string): Buffer {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  const body = log.subarray(record.offset + RECORD_HEADER_SIZE, record.offset + record.size - 4);
  const at = body.indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  body.write(to, at);
  return resealed(log, record);
}

describe('tamper evidence against the embedded node’s log on disk', () => {
  let disk: NodeOnDisk;
  let ids: { kazan: string; leipzig: string; halle: string; minsk: string };

  beforeEach(async () => {
    disk = await NodeOnDisk.start();
    const store = new AggregateEventStore(disk.client);
    const append = async (streamName: string, expectedRevision: bigint | 'no_stream', place: string) =>
      (await store.append({ streamName, expectedRevision, events: [{ type: 'MeetingHeld', data: { place, topics: ['logistics'] } }], metadata })).eventIds[0];
    ids = {
      kazan: await append('cooperation-a', 'no_stream', 'Kazan'),
      leipzig: await append('cooperation-b', 'no_stream', 'Leipzig'),
      halle: await append('cooperation-a', 0n, 'Halle'),
      minsk: await append('cooperation-b', 0n, 'Minsk'),
    };
  });

  afterEach(async () => {
    await disk.destroy();
  });

  const verify = () => verifyEventStore(disk.client, { key });
  const recordOf = (log: Buffer, eventId: string) => records(log).find((record) => record.eventId === eventId)!;

  it('finds untouched data intact, and signs its head', async () => {
    const { report, checkpoint } = await verify();
    expect(report).toMatchObject({ intact: true, events: 4, chained: 4, brokenLinks: 0 });
    expect(checkpoint?.token).toMatch(/^kontakt-audit:v2:/);
  });

  it('names the altered event when a payload is changed and the record checksum recomputed', async () => {
    await disk.tamper((log) => rewrite(log, recordOf(log, ids.leipzig), 'Leipzig', 'Leipzog'));
    const { report, checkpoint } = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBreak).toMatchObject({ kind: 'content', eventId: ids.leipzig, streamId: 'cooperation-b', revision: '0' });
    expect(checkpoint).toBeNull();
  });

  it('names the altered event when its metadata (the actor) is changed', async () => {
    await disk.tamper((log) => rewrite(log, recordOf(log, ids.halle), 'anna.schmidt', 'anna.schmidx'));
    expect((await verify()).report.firstBreak).toMatchObject({ kind: 'content', eventId: ids.halle });
  });

  it('catches a forger who also recomputes the link hash, at the next link', async () => {
    await disk.tamper((log) => {
      const record = recordOf(log, ids.kazan);
      rewrite(log, record, 'Kazan', 'Kazam');
      // Recompute the link over the forged content exactly as the writer would: the record and its own link check.
      const stored = decodeRecord(log, record.offset, record.offset);
      const { chain, ...rest } = JSON.parse(Buffer.from(stored.customMetadata).toString('utf8')) as { chain: ChainLink };
      const { hash, ...predecessors } = chain;
      const data = JSON.parse(Buffer.from(stored.data).toString('utf8')) as unknown;
      const forged = chainHash({ streamId: stored.streamId, revision: 0, eventId: stored.eventId, type: stored.eventType, data, metadata: rest }, predecessors);
      return rewrite(log, record, hash, forged);
    });
    const { report } = await verify();
    expect(report.firstBreak).toMatchObject({ kind: 'lane-link', eventId: ids.leipzig, previous: { eventId: ids.kazan } });
    expect(report.brokenLinks).toBe(2); // Leipzig's lane link and Halle's stream link both name the old hash
  });

  it('catches a deleted event at the event after it', async () => {
    await disk.tamper((log) => {
      const record = recordOf(log, ids.leipzig);
      return Buffer.concat([log.subarray(0, record.offset), log.subarray(record.offset + record.size)]);
    });
    const { report } = await verify();
    expect(report.events).toBe(3);
    expect(report.firstBreak).toMatchObject({ kind: 'lane-link', eventId: ids.halle });
  });

  it('catches two events swapped in the log', async () => {
    await disk.tamper((log) => {
      const [, second, third] = records(log);
      const a = Buffer.from(log.subarray(second.offset, second.offset + second.size));
      const b = Buffer.from(log.subarray(third.offset, third.offset + third.size));
      return Buffer.concat([log.subarray(0, second.offset), b, a, log.subarray(third.offset + third.size)]);
    });
    expect((await verify()).report.firstBreak).toMatchObject({ kind: 'lane-link', eventId: ids.halle });
  });

  it('catches a cut tail against a published checkpoint', async () => {
    const { checkpoint } = await verify();
    await disk.tamper((log) => {
      const last = records(log).at(-1)!;
      return log.subarray(0, last.offset);
    });
    expect((await verify()).report.intact).toBe(true);
    const { report } = await verifyEventStore(disk.client, { key, expect: [checkpoint!] });
    expect(report.firstBreak).toMatchObject({ kind: 'checkpoint' });
  });
});

describe('chaining appends through AggregateEventStore', () => {
  let disk: NodeOnDisk;

  beforeEach(async () => {
    disk = await NodeOnDisk.start();
  });

  afterEach(async () => {
    await disk.destroy();
  });

  const meeting = (place: string) => [{ type: 'MeetingHeld', data: { place } }];
  const verified = async () => (await verifyEventStore(disk.client, { key })).report;

  it('keeps the chain through a refused append and a retry the server recognised', async () => {
    const store = new AggregateEventStore(disk.client);
    await store.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Kazan'), metadata, idempotencyKey: 'k-1' });
    await expect(store.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Halle'), metadata })).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
    await store.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Kazan'), metadata: { ...metadata, recordedAt: '2026-11-29T00:00:00.000Z' }, idempotencyKey: 'k-1' });
    await store.append({ streamName: 'cooperation-a', expectedRevision: 0n, events: meeting('Leipzig'), metadata });
    await store.append({ streamName: 'cooperation-b', expectedRevision: 'no_stream', events: meeting('Minsk'), metadata });
    expect(await verified()).toMatchObject({ intact: true, events: 3, chained: 3 });
  });

  it('continues the chain of an earlier writer after a restart, and of events written before chaining', async () => {
    await disk.client.appendToStream('cooperation-old', [jsonEvent({ type: 'MeetingHeld', data: { place: 'Kazan' }, metadata: { ...metadata, schemaVersion: 1 } })]);
    await new AggregateEventStore(disk.client).append({ streamName: 'cooperation-old', expectedRevision: 0n, events: meeting('Halle'), metadata });
    await new AggregateEventStore(disk.client).append({ streamName: 'cooperation-new', expectedRevision: 'no_stream', events: meeting('Leipzig'), metadata });
    expect(await verified()).toMatchObject({ intact: true, events: 3, chained: 2, unchained: 1 });
  });

  it('ends the lane and anchors a fresh one after an append whose outcome it could not learn', async () => {
    // A client that writes, then loses the answer: the store cannot know whether the events were stored.
    const lossy = new Proxy(disk.client, {
      get(target, property, receiver) {
        if (property !== 'appendToStream') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<EventStoreDBClient['appendToStream']>) => {
          await target.appendToStream(...args);
          throw new UnavailableError(Object.assign(new Error('connection lost'), { code: 14, details: 'connection lost', metadata: undefined }) as never);
        };
      },
    });
    const flaky = new AggregateEventStore(lossy);
    await expect(flaky.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Kazan'), metadata })).rejects.toBeInstanceOf(UnavailableError);
    const store = new AggregateEventStore(disk.client);
    await store.append({ streamName: 'cooperation-b', expectedRevision: 'no_stream', events: meeting('Leipzig'), metadata });
    await expect(flaky.append({ streamName: 'cooperation-a', expectedRevision: 0n, events: meeting('Halle'), metadata })).rejects.toBeInstanceOf(UnavailableError);
    expect(await verified()).toMatchObject({ intact: true, events: 3, chained: 3, lanes: 3 });
  });

  it('spreads concurrent appends over at most its lanes, every lane verifiable, conflicts on one stream refused', async () => {
    const store = new AggregateEventStore(disk.client);
    await Promise.all(Array.from({ length: 64 }, (_, index) => store.append({ streamName: `cooperation-${index}`, expectedRevision: 'no_stream', events: meeting(`Kazan ${index}`), metadata })));
    const racing = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => store.append({ streamName: 'cooperation-0', expectedRevision: 0n, events: meeting(`Halle ${index}`), metadata })));
    expect(racing.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(racing.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason)).toEqual(Array(7).fill(expect.objectContaining({ code: 'CONCURRENCY_CONFLICT' })));
    await store.append({ streamName: 'cooperation-0', expectedRevision: 1n, events: meeting('Leipzig'), metadata });
    expect(await verified()).toMatchObject({ intact: true, events: 66, chained: 66, lanes: 8, brokenLinks: 0 });
  });

  it('with one lane, chains even concurrent appends in one strict line, each to the event before it in $all', async () => {
    const store = new AggregateEventStore(disk.client, undefined, { chainLanes: 1 });
    await Promise.all(Array.from({ length: 16 }, (_, index) => store.append({ streamName: `cooperation-${index % 4}-${index}`, expectedRevision: 'no_stream', events: meeting(`Kazan ${index}`), metadata })));
    const links = (await storedEvents()).map((event) => event.metadata.chain as LaneChainLink);
    expect(new Set(links.map((link) => link.lane)).size).toBe(1);
    expect(links.map((link) => link.lanePrev)).toEqual([null, ...links.slice(0, -1).map((link) => link.hash)]);
    expect(await verified()).toMatchObject({ intact: true, events: 16, lanes: 1 });
  });

  it('keeps its lane when a keyed retry was first written through another writer', async () => {
    const [one, other] = [new AggregateEventStore(disk.client), new AggregateEventStore(disk.client)];
    await other.append({ streamName: 'cooperation-b', expectedRevision: 'no_stream', events: meeting('Minsk'), metadata });
    await one.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Kazan'), metadata, idempotencyKey: 'k-1' });
    // The same command retried through the other writer: the server recognises its event ids and writes nothing, so
    // the other writer's lane must not move to the hash it computed (its recordedAt and lane differ from what is stored).
    const retried = await other.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Kazan'), metadata: { ...metadata, recordedAt: '2026-11-29T00:00:00.000Z' }, idempotencyKey: 'k-1' });
    expect(retried.nextRevision).toBe(0n);
    await other.append({ streamName: 'cooperation-b', expectedRevision: 0n, events: meeting('Halle'), metadata });
    await other.append({ streamName: 'cooperation-a', expectedRevision: 0n, events: meeting('Leipzig'), metadata });
    expect(await verified()).toMatchObject({ intact: true, events: 4, chained: 4, lanes: 2 });
  });

  it('verifies a data folder chained by the single writer (v1) and continued through lanes', async () => {
    const appendV1 = async (streamName: string, place: string, streamPrev: string | null, globalPrev: string | null): Promise<string> => {
      const id = randomUUID();
      const unchained = { ...metadata, schemaVersion: 1 };
      const hash = chainHash({ streamId: streamName, revision: streamPrev === null ? 0 : 1, eventId: id, type: 'MeetingHeld', data: { place }, metadata: unchained }, { v: 1, streamPrev, globalPrev });
      await disk.client.appendToStream(streamName, [jsonEvent({ id, type: 'MeetingHeld', data: { place }, metadata: { ...unchained, chain: { v: 1, hash, streamPrev, globalPrev } } })]);
      return hash;
    };
    const kazan = await appendV1('cooperation-a', 'Kazan', null, null);
    await appendV1('cooperation-b', 'Leipzig', null, kazan);
    const store = new AggregateEventStore(disk.client);
    await store.append({ streamName: 'cooperation-a', expectedRevision: 0n, events: meeting('Halle'), metadata });
    await store.append({ streamName: 'cooperation-c', expectedRevision: 'no_stream', events: meeting('Minsk'), metadata });
    expect(await verified()).toMatchObject({ intact: true, events: 4, chained: 4, lanes: 1 });
  });

  it('continues from a checkpoint the lanes of two writers, and catches an event removed after it', async () => {
    const [one, other] = [new AggregateEventStore(disk.client), new AggregateEventStore(disk.client)];
    await one.append({ streamName: 'cooperation-a', expectedRevision: 'no_stream', events: meeting('Kazan'), metadata });
    await other.append({ streamName: 'cooperation-b', expectedRevision: 'no_stream', events: meeting('Leipzig'), metadata });
    const { checkpoint } = await verifyEventStore(disk.client, { key });
    const halle = (await one.append({ streamName: 'cooperation-c', expectedRevision: 'no_stream', events: meeting('Halle'), metadata })).eventIds[0];
    await other.append({ streamName: 'cooperation-b', expectedRevision: 0n, events: meeting('Minsk'), metadata });
    const lastOfOne = (await one.append({ streamName: 'cooperation-d', expectedRevision: 'no_stream', events: meeting('Kaliningrad'), metadata })).eventIds[0];
    const from = { key, from: checkpoint! };
    expect((await verifyEventStore(disk.client, from)).report).toMatchObject({ intact: true, mode: 'incremental', checked: 3, events: 5 });
    await disk.tamper((log) => {
      const record = records(log).find((located) => located.eventId === halle)!;
      return Buffer.concat([log.subarray(0, record.offset), log.subarray(record.offset + record.size)]);
    });
    // The first writer's lane last wrote Kazan before the checkpoint: its next event now names Halle, which is gone.
    expect((await verifyEventStore(disk.client, from)).report.firstBreak).toMatchObject({ kind: 'lane-link', eventId: lastOfOne });
  });

  /** Every non-system event in the store, oldest first. */
  async function storedEvents(): Promise<{ metadata: Record<string, unknown> }[]> {
    const events: { metadata: Record<string, unknown> }[] = [];
    for await (const { event } of disk.client.readAll({ fromPosition: START })) {
      if (event && !event.streamId.startsWith('$')) events.push({ metadata: event.metadata as Record<string, unknown> });
    }
    return events;
  }
});
