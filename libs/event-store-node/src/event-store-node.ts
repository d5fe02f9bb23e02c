import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventStoreEngine } from './engine/event-store-engine';
import { DEFAULT_HOST, DEFAULT_MAX_APPEND_SIZE, DEFAULT_PORT, EventStoreNodeOptions, NodeLogger } from './node-options';
import { GrpcServer } from './protocol/grpc-server';
import { FileLogDevice } from './storage/file-log-device';
import { LogDevice } from './storage/log-device';
import { MemoryLogDevice } from './storage/memory-log-device';
import { DataDirLock } from './storage/data-dir-lock';

export const LOG_FILE_NAME = 'events.log';

/** JSON lines on stderr: stdout stays free for the standalone node's "listening" line. */
export const stderrLogger: NodeLogger = {
  info: (msg, fields) => process.stderr.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...fields })}\n`),
  warn: (msg, fields) => process.stderr.write(`${JSON.stringify({ level: 'warn', time: new Date().toISOString(), msg, ...fields })}\n`),
  error: (msg, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg, ...fields })}\n`),
};

/**
 * An EventStoreDB-compatible node: the official `@eventstore/db-client` talks to it over gRPC exactly as to a real
 * server. Events live in one append-only, checksummed log file under `dataDir` (or in memory).
 */
export class EventStoreNode {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly engine: EventStoreEngine,
    private readonly server: GrpcServer,
    readonly host: string,
    readonly port: number,
    private readonly logger: NodeLogger,
    private readonly lock: DataDirLock | undefined,
  ) {}

  static async start(options: EventStoreNodeOptions): Promise<EventStoreNode> {
    const logger = options.logger ?? stderrLogger;
    const host = options.host ?? DEFAULT_HOST;
    const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    const started = process.hrtime.bigint();
    let lock: DataDirLock | undefined;
    let device: LogDevice;
    if (options.memory) {
      device = new MemoryLogDevice();
    } else {
      if (!options.dataDir) throw new Error('dataDir is required unless memory is set');
      fs.mkdirSync(options.dataDir, { recursive: true });
      lock = DataDirLock.acquire(options.dataDir);
      device = FileLogDevice.open(path.join(options.dataDir, LOG_FILE_NAME));
    }
    let engine: EventStoreEngine | undefined;
    let port: number;
    let server: GrpcServer;
    try {
      engine = await EventStoreEngine.open({ device, logger, maxAppendSize });
      server = new GrpcServer(engine, { host, port: options.port ?? DEFAULT_PORT, maxAppendSize, logger });
      port = await server.listen();
    } catch (error) {
      if (engine) await engine.close();
      else await device.close();
      lock?.release();
      throw error;
    }
    logger.info('Event store node listening', {
      host,
      port,
      storage: options.memory ? 'memory' : path.resolve(options.dataDir!),
      records: engine.recordCount,
      streams: engine.streamCount,
      startupMs: Number(process.hrtime.bigint() - started) / 1e6,
    });
    return new EventStoreNode(engine, server, host, port, logger, lock);
  }

  get connectionString(): string {
    return `esdb://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}?tls=false`;
  }

  /** Graceful: refuse new calls, end subscriptions, let in-flight appends become durable, then close the log. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.server.stop();
      await this.engine.close();
      this.lock?.release();
      this.logger.info('Event store node stopped', { port: this.port });
    })();
    return this.stopping;
  }
}
