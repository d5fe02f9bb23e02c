import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeLogger } from '../node-options';
import { EventLog, FILE_HEADER_SIZE } from './event-log';
import { FileLogDevice } from './file-log-device';
import { LogDevice } from './log-device';
import { MemoryLogDevice } from './memory-log-device';
import { NewRecord, RecordHeader } from './log-record';

function record(streamId: string, revision: number, data = '{}'): NewRecord {
  return {
    streamId,
    revision,
    eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    eventType: 'Happened',
    isJson: true,
    isTombstone: false,
    createdTicks: 1n,
    customMetadata: new Uint8Array(0),
    data: Buffer.from(data),
  };
}

function recordingLogger(): NodeLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, error: () => undefined, warn: (message) => warnings.push(message) };
}

async function reopen(device: LogDevice, logger = recordingLogger()) {
  const seen: Array<{ header: RecordHeader; position: number }> = [];
  const log = await EventLog.open(device, logger, (header, position) => seen.push({ header, position }));
  return { log, seen, logger };
}

class CountingDevice extends MemoryLogDevice {
  syncs = 0;
  override async sync(): Promise<void> {
    this.syncs++;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('EventLog', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'event-log-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('gives records increasing positions that are their byte offsets, starting after the file header', async () => {
    const { log } = await reopen(new MemoryLogDevice());
    const first = log.append([record('a', 0), record('a', 1)]);
    const second = log.append([record('b', 0)]);
    await Promise.all([first.durable, second.durable]);
    expect(first.positions[0]).toBe(FILE_HEADER_SIZE);
    expect(first.positions[1]).toBe(FILE_HEADER_SIZE + EventLog.sizeOf(record('a', 0)));
    expect(second.positions[0]).toBeGreaterThan(first.positions[1]);
    expect(log.readRecord(second.positions[0]).streamId).toBe('b');
  });

  it('shares one fsync among appends that arrive while a flush is in progress (group commit)', async () => {
    const device = new CountingDevice();
    const { log } = await reopen(device);
    const syncsBefore = device.syncs;
    await Promise.all(Array.from({ length: 50 }, (_, index) => log.append([record(`s${index}`, 0)]).durable));
    expect(device.syncs - syncsBefore).toBeLessThanOrEqual(2);
  });

  it('recovers every acknowledged record from disk after a reopen', async () => {
    const file = path.join(directory, 'events.log');
    const { log } = await reopen(FileLogDevice.open(file));
    for (let revision = 0; revision < 20; revision++) await log.append([record('a', revision)]).durable;
    await log.close();
    const { seen, logger } = await reopen(FileLogDevice.open(file));
    expect(seen.map((entry) => entry.header.revision)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(logger.warnings).toEqual([]);
  });

  it('cuts off a torn tail and reports it', async () => {
    const file = path.join(directory, 'events.log');
    const { log } = await reopen(FileLogDevice.open(file));
    await log.append([record('a', 0)]).durable;
    const { positions, durable } = log.append([record('a', 1, '{"big":"' + 'x'.repeat(500) + '"}')]);
    await durable;
    await log.close();
    fs.truncateSync(file, positions[0] + 100);
    const reopened = await reopen(FileLogDevice.open(file));
    expect(reopened.seen).toHaveLength(1);
    expect(reopened.logger.warnings.join()).toMatch(/tail/);
    expect(fs.statSync(file).size).toBe(positions[0]);
    const next = reopened.log.append([record('a', 1)]);
    await next.durable;
    expect(next.positions[0]).toBe(positions[0]);
  });

  it('cuts off a corrupted last record', async () => {
    const device = new MemoryLogDevice();
    const { log } = await reopen(device);
    await log.append([record('a', 0)]).durable;
    const last = log.append([record('a', 1)]);
    await last.durable;
    await device.write(Buffer.from([0xff]), last.positions[0] + 60);
    const reopened = await reopen(device);
    expect(reopened.seen.map((entry) => entry.header.revision)).toEqual([0]);
    expect(reopened.logger.warnings).toHaveLength(1);
  });

  it('drops an append whose last record never reached the disk: appends are all-or-nothing', async () => {
    const device = new MemoryLogDevice();
    const { log } = await reopen(device);
    await log.append([record('a', 0)]).durable;
    const batch = log.append([record('a', 1), record('a', 2), record('a', 3)]);
    await batch.durable;
    device.truncate(batch.positions[2] + 10);
    const reopened = await reopen(device);
    expect(reopened.seen.map((entry) => entry.header.revision)).toEqual([0]);
    expect(device.size).toBe(batch.positions[0]);
  });

  it('reads zero bytes after the last complete append as free space, not as damage', async () => {
    const device = new MemoryLogDevice();
    const { log } = await reopen(device);
    await log.append([record('a', 0)]).durable;
    await device.write(Buffer.alloc(4096), device.size);
    const reopened = await reopen(device);
    expect(reopened.seen).toHaveLength(1);
    expect(reopened.logger.warnings).toEqual([]);
    const next = reopened.log.append([record('a', 1)]);
    await next.durable;
    expect((await reopen(device)).seen).toHaveLength(2);
  });

  it('cuts an unfinished append followed by zero bytes, and reports it', async () => {
    const device = new MemoryLogDevice();
    const { log } = await reopen(device);
    await log.append([record('a', 0)]).durable;
    const batch = log.append([record('a', 1), record('a', 2)]);
    await batch.durable;
    device.truncate(batch.positions[1]);
    await device.write(Buffer.alloc(4096), device.size);
    const reopened = await reopen(device);
    expect(reopened.seen.map((entry) => entry.header.revision)).toEqual([0]);
    expect(reopened.logger.warnings).toHaveLength(1);
  });

  it('allocates file space ahead of the writes and gives it back on a graceful close', async () => {
    const file = path.join(directory, 'events.log');
    const { log } = await reopen(FileLogDevice.open(file));
    const last = log.append([record('a', 0)]);
    await last.durable;
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const end = log.nextPosition;
    await log.close();
    expect(fs.statSync(file).size).toBe(end);
  });

  it('keeps every acknowledged record of a file left with its allocated space (a kill -9)', async () => {
    const file = path.join(directory, 'events.log');
    const { log } = await reopen(FileLogDevice.open(file));
    for (let revision = 0; revision < 5; revision++) await log.append([record('a', revision)]).durable;
    // No close: the process "dies" with the zeros allocated ahead still in the file.
    const reopened = await reopen(FileLogDevice.open(file));
    expect(reopened.seen).toHaveLength(5);
    expect(reopened.logger.warnings).toEqual([]);
  });

  it('refuses every later append once a write or fsync has failed, and acknowledges none of the failed group', async () => {
    class FailingDevice extends MemoryLogDevice {
      failing = false;
      override async sync(): Promise<void> {
        if (this.failing) throw new Error('EIO: i/o error');
      }
    }
    const device = new FailingDevice();
    const { log } = await reopen(device);
    await log.append([record('a', 0)]).durable;
    device.failing = true;
    await expect(log.append([record('a', 1)]).durable).rejects.toThrow(/could not be written: EIO/);
    expect(() => log.append([record('a', 2)])).toThrow(/could not be written/);
    expect(log.durablePosition).toBe(log.nextPosition - EventLog.sizeOf(record('a', 1)));
  });

  it('refuses a file that is not an event log', async () => {
    const file = path.join(directory, 'events.log');
    fs.writeFileSync(file, 'hello, I am a text file and not an event log');
    await expect(reopen(FileLogDevice.open(file))).rejects.toThrow(/file header/);
  });

  it('walks the log backwards as it walks it forwards', async () => {
    const { log } = await reopen(new MemoryLogDevice());
    for (let revision = 0; revision < 30; revision++) await log.append([record('a', revision, `{"n":${'1'.repeat(revision * 10)}}`)]).durable;
    const forwards: number[] = [];
    log.scanForward(FILE_HEADER_SIZE, Infinity, (_buffer, _offset, position) => {
      forwards.push(position);
      return true;
    });
    const backwards: number[] = [];
    log.scanBackward(log.durablePosition, (_buffer, _offset, position) => {
      backwards.push(position);
      return true;
    });
    expect(forwards).toHaveLength(30);
    expect(backwards).toEqual([...forwards].reverse());
  });
});
