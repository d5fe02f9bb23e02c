import { Server, ServerCredentials, ServerWritableStream, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { EventStoreEngine } from '../engine/event-store-engine';
import { NodeLogger } from '../node-options';
import { AppendService } from './append-service';
import { decodeBatchAppendRequest } from './batch-append-request';
import { getSupportedMethods, gossipReader } from './cluster-services';
import { invalidArgumentError, internalError } from './grpc-errors';
import { parseReadRequest } from './read-request';
import { InvalidRequestError } from './request-fields';
import { ReadService } from './read-service';

/**
 * Read responses are encoded by hand (see read-responses.ts), so the Read method's response serializer passes the
 * bytes through; BatchAppend requests are decoded by hand (batch-append-request.ts). Every other message goes
 * through the client package's own google-protobuf (de)serializers.
 */
const streamsDefinition = {
  ...StreamsService,
  read: { ...StreamsService.read, responseSerialize: (bytes: Buffer) => bytes },
  batchAppend: { ...StreamsService.batchAppend, requestDeserialize: (bytes: Buffer) => decodeBatchAppendRequest(bytes) },
} as unknown as ServiceDefinition;

export interface GrpcServerOptions {
  host: string;
  port: number;
  maxAppendSize: number;
  logger: NodeLogger;
}

/** The gRPC face of the node: EventStoreDB's Streams, ServerFeatures and Gossip services. Others answer UNIMPLEMENTED. */
export class GrpcServer {
  private readonly server: Server;
  private readonly reads: ReadService;
  private readonly appends: AppendService;
  private boundPort = 0;

  constructor(
    engine: EventStoreEngine,
    private readonly options: GrpcServerOptions,
  ) {
    this.server = new Server({
      // Appends up to maxAppendSize plus protobuf framing must fit one message (grpc-js defaults to 4 MB).
      'grpc.max_receive_message_length': Math.max(8 * 1024 * 1024, options.maxAppendSize * 2 + 1024 * 1024),
    });
    const appends = new AppendService(engine);
    this.appends = appends;
    this.reads = new ReadService(engine);
    const streams: UntypedServiceImplementation = {
      append: appends.append.bind(appends),
      batchAppend: appends.batchAppend.bind(appends),
      delete: appends.deleteStream.bind(appends),
      tombstone: appends.tombstone.bind(appends),
      read: (call: ServerWritableStream<ReadReq, Buffer>) => this.read(call),
    };
    this.server.addService(streamsDefinition, streams);
    this.server.addService(ServerFeaturesService as unknown as ServiceDefinition, { getSupportedMethods });
    this.server.addService(GossipService as unknown as ServiceDefinition, {
      read: gossipReader(() => this.options.host, () => this.boundPort),
    });
  }

  get port(): number {
    return this.boundPort;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${this.options.host}:${this.options.port}`, ServerCredentials.createInsecure(), (error, port) => {
        if (error) return reject(error);
        this.boundPort = port;
        resolve(port);
      });
    });
  }

  /** Stops accepting calls, ends subscriptions, and waits (bounded) for in-flight calls to finish. */
  async stop(graceMs = 5000): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.reads.endSubscriptions();
    this.appends.closeBatchCalls();
    await stopped;
  }

  private read(call: ServerWritableStream<ReadReq, Buffer>): void {
    let request;
    try {
      request = parseReadRequest(call.request);
    } catch (error) {
      const message = error instanceof InvalidRequestError ? error.message : String(error);
      call.emit('error', invalidArgumentError(message));
      return;
    }
    this.reads.serve(call, request).catch((error: Error) => {
      this.options.logger.error('Read failed', { error: error.message });
      if (!call.cancelled) call.emit('error', internalError(error.message));
    });
  }
}
