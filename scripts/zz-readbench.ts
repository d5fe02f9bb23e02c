import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventStoreNode } from '@app/event-store-node';
async function main() {
  const node = await EventStoreNode.start({ memory: true, port: 0, logger: { info() {}, warn() {}, error() {} } } as never);
  const client = EventStoreDBClient.connectionString(node.connectionString);
  await client.appendToStream('s-1', [jsonEvent({ type: 'T', data: {} })]);
  const mode = process.argv[2];
  let done = 0;
  const t0 = Date.now(); const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (Date.now() - t0 < 3000) {
      if (mode === 'read') { for await (const _e of client.readStream('s-1', { fromRevision: 1n })) { /* drain */ } }
      else { await client.appendToStream('s-' + (done % 256), [jsonEvent({ type: 'T', data: { a: 1 } })]); }
      done++;
    }
  }));
  const cpu = process.cpuUsage(c0);
  console.log(mode, Math.round(done / 3), 'calls/s; process CPU µs/call', Math.round((cpu.user + cpu.system) / done));
  await client.dispose(); await node.stop();
}
main();
