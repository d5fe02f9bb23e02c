import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import {
  EventStoreDBClient,
  UnknownError,
  persistentSubscriptionToStreamSettingsFromDefaults,
} from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { collect, failureOf, testEvents, uniqueStream, useInProcessNode } from '../support/event-store-node.harness';

jest.setTimeout(15_000);

const node = useInProcessNode();
const client = () => node().client;

/** Asks ServerFeatures directly, with the client package's own generated stub, what the client would be told. */
function supportedMethods(): Promise<string[]> {
  const features = new ServerFeaturesClient(`127.0.0.1:${node().node.port}`, credentials.createInsecure());
  return new Promise<string[]>((resolve, reject) => {
    features.getSupportedMethods(new Empty(), (error: ServiceError | null, response?: SupportedMethods) => {
      features.close();
      if (error) return reject(error);
      resolve(response!.getMethodsList().map((method) => `/${method.getServiceName()}/${method.getMethodName()}`.toLowerCase()));
    });
  });
}

describe('Server features', () => {
  it('advertises BatchAppend, so the client appends through it by default', async () => {
    // The client lower-cases "/<service>/<method>" and switches BatchAppend on when this path is listed.
    expect(await supportedMethods()).toContain('/event_store.client.streams.streams/batchappend');
  });

  it('answers a projections call with UNIMPLEMENTED, which the client reports as an UnknownError, not a wrong answer', async () => {
    const error = await failureOf(client().listProjections());

    expect(error).toBeInstanceOf(UnknownError);
    expect((error as UnknownError).code).toBe(status.UNIMPLEMENTED);
  });

  it('answers a persistent subscription call with UNIMPLEMENTED', async () => {
    const error = await failureOf(
      client().createPersistentSubscriptionToStream(uniqueStream('persistent'), 'group', persistentSubscriptionToStreamSettingsFromDefaults()),
    );

    expect(error).toBeInstanceOf(UnknownError);
    expect((error as UnknownError).code).toBe(status.UNIMPLEMENTED);
  });

  it('keeps serving appends, reads and subscriptions on the same client after unimplemented calls', async () => {
    await failureOf(client().listProjections());
    await failureOf(client().createPersistentSubscriptionToStream(uniqueStream('persistent'), 'group', persistentSubscriptionToStreamSettingsFromDefaults()));
    const stream = uniqueStream('after-unimplemented');

    await client().appendToStream(stream, testEvents(2));

    expect(await collect(client().readStream(stream))).toHaveLength(2);
  });

  it('lets a discovering client (esdb+discover://) find it through gossip and use it', async () => {
    const discovering = EventStoreDBClient.connectionString(`esdb+discover://127.0.0.1:${node().node.port}?tls=false&maxDiscoverAttempts=2&discoveryInterval=100`);
    try {
      const stream = uniqueStream('discovered');
      await discovering.appendToStream(stream, testEvents(1));

      expect(await collect(discovering.readStream(stream))).toHaveLength(1);
    } finally {
      await discovering.dispose();
    }
  });

  it('exposes a connection string the official client accepts as is', async () => {
    expect(node().node.connectionString).toBe(`esdb://127.0.0.1:${node().node.port}?tls=false`);
  });
});
