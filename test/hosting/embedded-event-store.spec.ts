import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { startEmbeddedEventStore, type EmbeddedEventStore, type NodeLogger } from '@app/event-store-node';

const silentLogger: NodeLogger = { info: () => {}, warn: () => {}, error: () => {} };

async function appendMeeting(connectionString: string, stream: string): Promise<void> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    await client.appendToStream(stream, jsonEvent({ type: 'MeetingHeld', data: { cooperationId: 'c-1', occurredOn: '2025-03-14' } }));
  } finally {
    await client.dispose();
  }
}

async function readEventTypesAndData(connectionString: string, stream: string): Promise<Array<{ type: string; data: unknown }>> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    const events: Array<{ type: string; data: unknown }> = [];
    for await (const { event } of client.readStream(stream)) {
      if (event) events.push({ type: event.type, data: event.data });
    }
    return events;
  } finally {
    await client.dispose();
  }
}

describe('startEmbeddedEventStore', () => {
  const started: EmbeddedEventStore[] = [];
  const folders: string[] = [];

  async function start(options: Parameters<typeof startEmbeddedEventStore>[0]): Promise<EmbeddedEventStore> {
    const store = await startEmbeddedEventStore({ logger: silentLogger, ...options });
    started.push(store);
    return store;
  }

  async function temporaryFolder(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'kontakt-embedded-'));
    folders.push(folder);
    return folder;
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map((store) => store.stop()));
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('serves appends and reads to @eventstore/db-client from an in-memory node on a free port', async () => {
    const store = await start({ memory: true, port: 0 });

    expect(store.port).toBeGreaterThan(0);
    expect(store.connectionString).toBe(`esdb://127.0.0.1:${store.port}?tls=false`);
    await appendMeeting(store.connectionString, 'cooperation-c-1');
    expect(await readEventTypesAndData(store.connectionString, 'cooperation-c-1')).toEqual([
      { type: 'MeetingHeld', data: { cooperationId: 'c-1', occurredOn: '2025-03-14' } },
    ]);
  });

  it('keeps events in its data folder across a stop and a start', async () => {
    const dataDir = await temporaryFolder();
    const first = await start({ dataDir, port: 0 });
    await appendMeeting(first.connectionString, 'cooperation-c-1');
    await first.stop();

    const second = await start({ dataDir, port: 0 });
    expect(await readEventTypesAndData(second.connectionString, 'cooperation-c-1')).toEqual([
      { type: 'MeetingHeld', data: { cooperationId: 'c-1', occurredOn: '2025-03-14' } },
    ]);
  });

  it('stops the node so it no longer accepts connections, and may be stopped twice', async () => {
    const store = await start({ memory: true, port: 0 });
    await store.stop();
    await store.stop();

    const client = EventStoreDBClient.connectionString(store.connectionString);
    try {
      await expect(client.appendToStream('after-stop', jsonEvent({ type: 'Probe', data: {} }), { deadline: 2_000 })).rejects.toThrow();
    } finally {
      await client.dispose();
    }
  });

  it('rejects when the node cannot open its data folder', async () => {
    const notAFolder = join(await temporaryFolder(), 'a-file');
    await writeFile(notAFolder, 'not a folder');

    await expect(startEmbeddedEventStore({ dataDir: notAFolder, port: 0, logger: silentLogger })).rejects.toThrow();
  });

  it("forwards the worker's log lines to the given logger", async () => {
    const lines: string[] = [];
    const record = (message: string) => void lines.push(message);
    await start({ memory: true, port: 0, logger: { info: record, warn: record, error: record } });

    expect(lines.length).toBeGreaterThan(0);
  });
});
