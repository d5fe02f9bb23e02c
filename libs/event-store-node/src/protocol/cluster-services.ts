import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { UUID } from '@eventstore/db-client/generated/shared_pb';

/** The node's version as reported to clients: an EventStoreDB 24.x-compatible feature set. */
export const SERVER_VERSION = '24.10.0-kontakt-embedded';

/**
 * Exactly the methods this node implements (service name and method name in lower case, as the client matches them).
 * The client switches BatchAppend on when it is listed; everything else it only looks up for features we lack.
 */
const SUPPORTED: Array<{ service: string; method: string; features?: string[] }> = [
  { service: 'event_store.client.streams.streams', method: 'read', features: ['position', 'events'] },
  { service: 'event_store.client.streams.streams', method: 'append' },
  { service: 'event_store.client.streams.streams', method: 'batchappend' },
  { service: 'event_store.client.streams.streams', method: 'delete' },
  { service: 'event_store.client.streams.streams', method: 'tombstone' },
  { service: 'event_store.client.server_features.serverfeatures', method: 'getsupportedmethods' },
  { service: 'event_store.client.gossip.gossip', method: 'read' },
];

export function getSupportedMethods(_call: ServerUnaryCall<unknown, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void {
  const response = new SupportedMethods();
  response.setEventStoreServerVersion(SERVER_VERSION);
  response.setMethodsList(
    SUPPORTED.map(({ service, method, features }) => {
      const supported = new SupportedMethod();
      supported.setServiceName(service);
      supported.setMethodName(method);
      supported.setFeaturesList(features ?? []);
      return supported;
    }),
  );
  callback(null, response);
}

/**
 * Gossip for `esdb+discover://` connection strings: a one-node cluster whose only member is an alive leader, the
 * answer the client needs to pick this node.
 */
export function gossipReader(host: () => string, port: () => number) {
  const instanceId = randomUUID();
  return (_call: ServerUnaryCall<unknown, ClusterInfo>, callback: sendUnaryData<ClusterInfo>): void => {
    const member = new MemberInfo();
    member.setInstanceId(new UUID().setString(instanceId));
    member.setTimeStamp(String(BigInt(Date.now()) * 10_000n));
    member.setState(MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    member.setHttpEndPoint(new EndPoint().setAddress(host()).setPort(port()));
    callback(null, new ClusterInfo().setMembersList([member]));
  };
}
