// The cluster connection strings README.md and docker/ document, as @eventstore/db-client 6.2.1 reads them, against
// the embedded node's gossip: discovery with credentials, gossip seeds of which one is down, and the esdb+discover://
// host list the client silently cuts to its first entry (which is why the API's configuration refuses it).
import { createServer } from 'node:net';
import { EventStoreDBClient } from '@eventstore/db-client';
import { connectionStringProblem } from '@app/event-store';
import { collect, failureOf, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();

/** A port nothing listens on: bound once to get it from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

async function appendAndReadBack(connectionString: string): Promise<number> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    const stream = uniqueStream('discovered');
    await client.appendToStream(stream, testEvents(2));
    return (await collect(client.readStream(stream))).length;
  } finally {
    await client.dispose();
  }
}

describe('Cluster discovery through gossip', () => {
  it('finds the node from esdb+discover:// with credentials in the string, as the Compose file connects', async () => {
    // Without TLS the client leaves the credentials out of its calls; with a secure cluster it sends them on each one.
    const connectionString = `esdb+discover://admin:changeit@127.0.0.1:${node().node.port}?tls=false&nodePreference=leader`;

    expect(connectionStringProblem(connectionString)).toBeUndefined();
    expect(await appendAndReadBack(connectionString)).toBe(2);
  });

  it('finds the node from a gossip seed list in which one seed is down', async () => {
    const connectionString = `esdb://127.0.0.1:${await closedPort()},127.0.0.1:${node().node.port}?tls=false&maxDiscoverAttempts=3&discoveryInterval=50`;

    expect(connectionStringProblem(connectionString)).toBeUndefined();
    expect(await appendAndReadBack(connectionString)).toBe(2);
  });

  it('asks only the first host of an esdb+discover:// list, so a list starting with a dead node never connects', async () => {
    const connectionString = `esdb+discover://127.0.0.1:${await closedPort()},127.0.0.1:${node().node.port}?tls=false&maxDiscoverAttempts=2&discoveryInterval=50`;
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      const error = await failureOf(client.appendToStream(uniqueStream('never-discovered'), testEvents(1)));

      expect(String(error)).toMatch(/Failed to discover after 2 attempts/);
    } finally {
      await client.dispose();
    }
    expect(connectionStringProblem(connectionString)).toMatch(/^lists 2 hosts after esdb\+discover:\/\//);
  });
});
