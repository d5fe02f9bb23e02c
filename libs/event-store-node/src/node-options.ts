/** Where log lines of the node go; defaults to JSON lines on stderr. */
export interface NodeLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface EventStoreNodeOptions {
  /** Folder holding the durable log (`events.log`). Required unless `memory` is set. */
  dataDir?: string;
  /** Keep everything in memory: nothing touches the disk, everything is gone on stop. */
  memory?: boolean;
  /** Interface to listen on. Loopback unless told otherwise. */
  host?: string;
  /** TCP port; 0 picks a free one. Default 2113, as EventStoreDB. */
  port?: number;
  /** Largest accepted append in bytes (EventStoreDB's default is 1 MiB). */
  maxAppendSize?: number;
  logger?: NodeLogger;
}

export const DEFAULT_PORT = 2113;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
