import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { EventStoreDBClient } from '@eventstore/db-client';
import { AggregateEventStore } from '@app/event-store';
import { EventStoreNode } from '@app/event-store-node';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', './scripts/register-ts.js', 'apps/audit/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run audit:verify', () => {
  let dataDir: string;
  let eventIds: string[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kontakt-audit-cli-'));
    const node = await EventStoreNode.start({ dataDir: join(dataDir, 'event-store'), port: 0, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    const client = EventStoreDBClient.connectionString(node.connectionString);
    const store = new AggregateEventStore(client);
    const metadata = { actor: { id: 'anna.schmidt', role: 'editor' }, recordedAt: '2026-11-28T10:00:00.000Z', correlationId: 'c', causationId: 'c', requestId: 'r' };
    eventIds = [];
    for (const [index, place] of ['Kazan', 'Leipzig', 'Halle'].entries()) {
      const appended = await store.append({ streamName: 'cooperation-a', expectedRevision: index === 0 ? 'no_stream' : BigInt(index - 1), events: [{ type: 'MeetingHeld', data: { place } }], metadata });
      eventIds.push(appended.eventIds[0]);
    }
    await client.dispose();
    await node.stop();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports intact chains on the embedded data folder, with a signed checkpoint, and keeps its generated key private', async () => {
    const result = await runCli(['--json'], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { report: { intact: boolean; events: number }; checkpoint: { token: string } };
    expect(report.report).toMatchObject({ intact: true, events: 3 });
    expect(((await stat(join(dataDir, 'audit-hmac.key'))).mode & 0o777).toString(8)).toBe('600');
    const again = await runCli(['--checkpoint', report.checkpoint.token], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Hash chains intact.');
  });

  it('exits 1 naming the first broken link once a stored payload is altered and its checksum recomputed', async () => {
    const file = join(dataDir, 'event-store', 'events.log');
    const log = await readFile(file);
    const at = log.indexOf('Leipzig');
    log.write('Leipzog', at);
    // Reseal the record that holds it: walk the records to find it.
    for (let offset = 16; offset < log.length; offset += log.readUInt32LE(offset)) {
      const size = log.readUInt32LE(offset);
      if (at > offset && at < offset + size) {
        log.writeUInt32LE(crc32(log.subarray(offset + 8, offset + size - 4)), offset + 4);
        break;
      }
    }
    await writeFile(file, log);
    const result = await runCli([], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('HASH CHAIN BROKEN.');
    expect(result.stdout).toContain(`event           ${eventIds[1]} (MeetingHeld), cooperation-a revision 1`);
  });

  it('exits 2 on bad usage, naming the argument', async () => {
    const result = await runCli(['--from', 'nonsense'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from: not a checkpoint token/);
  });
});
