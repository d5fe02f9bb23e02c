import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import {
  InProcessNode,
  StandaloneNode,
  collect,
  createTempDir,
  failureOf,
  removeDir,
  testEvents,
  uniqueStream,
} from '../support/event-store-node.harness';

jest.setTimeout(30_000);

let dataDir: string;
const logFile = () => join(dataDir, 'events.log');
const sizeOfLog = async () => (await stat(logFile())).size;
const isTailWarning = (message: string) => /tail/i.test(message);

beforeEach(async () => {
  dataDir = await createTempDir();
});

afterEach(async () => {
  await removeDir(dataDir);
});

/** Starts a node on the data folder, runs `work` with its client, stops it; returns the log size afterwards. */
async function session(work: (client: EventStoreDBClient) => Promise<void>): Promise<number> {
  const node = await InProcessNode.start({ dataDir });
  try {
    await work(node.client);
  } finally {
    await node.stop();
  }
  return sizeOfLog();
}

const idsIn = async (client: EventStoreDBClient, stream: string) => (await collect(client.readStream(stream))).map((resolved) => resolved.event!.id);

/**
 * Writes `kept` in a first session and `lost` (one append) in a second, so the second session's bytes are exactly
 * the records of the `lost` append. Returns the log sizes after each session.
 */
async function writeKeptThenLost(stream: string, keptCount: number, lostCount: number) {
  const kept = testEvents(keptCount, 'Kept');
  const lost = testEvents(lostCount, 'Lost');
  const sizeAfterKept = await session(async (client) => {
    await client.appendToStream(stream, kept);
  });
  const sizeAfterLost = await session(async (client) => {
    await client.appendToStream(stream, lost);
  });
  expect(sizeAfterLost).toBeGreaterThan(sizeAfterKept);
  return { kept, lost, sizeAfterKept, sizeAfterLost };
}

/** Restarts on the damaged log and checks what every recovery must guarantee. */
async function expectRecovery(stream: string, keptIds: string[]): Promise<void> {
  const node = await InProcessNode.start({ dataDir });
  try {
    expect(node.warnings().some((entry) => isTailWarning(entry.message))).toBe(true);
    expect(await idsIn(node.client, stream)).toEqual(keptIds);

    const next = testEvents(2, 'AfterRecovery');
    const result = await node.client.appendToStream(stream, next, { expectedRevision: BigInt(keptIds.length - 1) });
    expect(result.nextExpectedRevision).toBe(BigInt(keptIds.length + 1));
    expect(await idsIn(node.client, stream)).toEqual([...keptIds, ...next.map((event) => event.id)]);
    const all = await collect(node.client.readAll());
    for (let i = 1; i < all.length; i++) {
      expect(all[i].event!.position.commit).toBeGreaterThan(all[i - 1].event!.position.commit);
    }
  } finally {
    await node.stop();
  }

  // The damaged tail was cut off for good: the next start is clean and still has everything.
  const again = await InProcessNode.start({ dataDir });
  try {
    expect(again.warnings().filter((entry) => isTailWarning(entry.message))).toEqual([]);
    expect(await idsIn(again.client, stream)).toHaveLength(keptIds.length + 2);
  } finally {
    await again.stop();
  }
}

describe('Recovery from a damaged log tail', () => {
  it('ignores garbage bytes after the last record, logging a warning about the tail', async () => {
    const stream = uniqueStream('tail-garbage');
    const kept = testEvents(5);
    await session(async (client) => {
      await client.appendToStream(stream, kept);
    });

    await appendFile(logFile(), Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x13, 0x37, 0x42, 0xff, 0x01, 0x02]));

    await expectRecovery(stream, kept.map((event) => event.id));
  });

  it('drops a single-event append whose record was cut in half (torn write) and keeps everything before it', async () => {
    const stream = uniqueStream('tail-torn');
    const { kept, sizeAfterKept, sizeAfterLost } = await writeKeptThenLost(stream, 3, 1);

    await truncate(logFile(), sizeAfterKept + Math.floor((sizeAfterLost - sizeAfterKept) / 2));

    await expectRecovery(stream, kept.map((event) => event.id));
  });

  it('drops the whole of a multi-event append cut short, never a part of it', async () => {
    const stream = uniqueStream('tail-partial-append');
    const { kept, sizeAfterKept, sizeAfterLost } = await writeKeptThenLost(stream, 2, 4);

    // Keep roughly three of the four records of the last append.
    await truncate(logFile(), sizeAfterKept + Math.floor(((sizeAfterLost - sizeAfterKept) * 3) / 4));

    await expectRecovery(stream, kept.map((event) => event.id));
  });

  it('drops a last record whose bytes were altered (checksum mismatch)', async () => {
    const stream = uniqueStream('tail-checksum');
    const { kept, sizeAfterKept, sizeAfterLost } = await writeKeptThenLost(stream, 3, 1);

    const log = await readFile(logFile());
    const middleOfLastRecord = sizeAfterKept + Math.floor((sizeAfterLost - sizeAfterKept) / 2);
    log[middleOfLastRecord] ^= 0xff;
    await writeFile(logFile(), log);

    await expectRecovery(stream, kept.map((event) => event.id));
  });

  it('recovers a log whose only append was torn as an empty store', async () => {
    const stream = uniqueStream('tail-only-append');
    const size = await session(async (client) => {
      await client.appendToStream(stream, testEvents(3));
    });

    await truncate(logFile(), size - 3);

    const node = await InProcessNode.start({ dataDir });
    try {
      expect(node.warnings().some((entry) => isTailWarning(entry.message))).toBe(true);
      expect(await failureOf(collect(node.client.readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
      const result = await node.client.appendToStream(stream, testEvents(1));
      expect(result.nextExpectedRevision).toBe(0n);
    } finally {
      await node.stop();
    }
  });

  it('the standalone node reports the damaged tail as a JSON warning line on stderr and serves the intact events', async () => {
    const stream = uniqueStream('tail-standalone');
    const { kept, sizeAfterKept, sizeAfterLost } = await writeKeptThenLost(stream, 2, 1);
    await truncate(logFile(), sizeAfterLost - 1);
    expect(sizeAfterLost - 1).toBeGreaterThan(sizeAfterKept);

    const standalone = await StandaloneNode.spawn({ dataDir });
    const client = EventStoreDBClient.connectionString(standalone.connectionString);
    try {
      const isTailWarningLine = (line: Record<string, unknown>) => line.level === 'warn' && isTailWarning(String(line.msg));
      await standalone.waitForStderrLine(isTailWarningLine);
      expect(standalone.stderrLines().filter(isTailWarningLine)).toHaveLength(1);
      expect(await idsIn(client, stream)).toEqual(kept.map((event) => event.id));
    } finally {
      await client.dispose();
      await standalone.stop();
    }
  });
});
