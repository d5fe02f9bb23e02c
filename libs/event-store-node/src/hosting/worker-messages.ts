import type { EventStoreNodeOptions } from '../node-options';

/** What crosses into the worker: the node's options minus the logger, which cannot be cloned between threads. */
export type WorkerNodeOptions = Omit<EventStoreNodeOptions, 'logger'>;

export type LogLevel = 'info' | 'warn' | 'error';

export interface SerializedError {
  message: string;
  name?: string;
  code?: string;
  stack?: string;
}

/** Messages from the hosting thread to the worker. */
export type ToWorkerMessage = { type: 'stop' };

/** Messages from the worker to the hosting thread. */
export type FromWorkerMessage =
  | { type: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> }
  | { type: 'listening'; host: string; port: number; connectionString: string }
  | { type: 'start-failed'; error: SerializedError }
  | { type: 'stopped' }
  | { type: 'stop-failed'; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { message: error.message, name: error.name, stack: error.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: String(error) };
}

export function deserializeError(serialized: SerializedError): Error {
  const error: NodeJS.ErrnoException = new Error(serialized.message);
  if (serialized.name) error.name = serialized.name;
  if (serialized.code) error.code = serialized.code;
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
