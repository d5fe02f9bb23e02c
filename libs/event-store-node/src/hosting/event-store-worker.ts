// Worker-thread entry: runs one EventStoreNode off the hosting application's event loop.
// Started by embedded-event-store.ts; talks to it only through the messages in worker-messages.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { EventStoreNode } from '../event-store-node';
import type { NodeLogger } from '../node-options';
import { serializeError, type FromWorkerMessage, type LogLevel, type ToWorkerMessage, type WorkerNodeOptions } from './worker-messages';

if (!parentPort) {
  throw new Error('event-store-worker must run inside a worker thread; use startEmbeddedEventStore()');
}
const port = parentPort;

function send(message: FromWorkerMessage): void {
  port.postMessage(message);
}

function forwardLevel(level: LogLevel): NodeLogger[LogLevel] {
  return (message, fields) => send({ type: 'log', level, message, ...(fields ? { fields: cloneableFields(fields) } : {}) });
}

// Log fields may hold values structured clone rejects (functions, errors with extra state); JSON keeps what a log line can show.
function cloneableFields(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? serializeError(value) : value)));
  } catch {
    return { unserializableFields: true };
  }
}

const logger: NodeLogger = { info: forwardLevel('info'), warn: forwardLevel('warn'), error: forwardLevel('error') };

async function run(options: WorkerNodeOptions): Promise<void> {
  let node: EventStoreNode;
  try {
    node = await EventStoreNode.start({ ...options, logger });
  } catch (error) {
    send({ type: 'start-failed', error: serializeError(error) });
    port.close();
    return;
  }

  let stopping = false;
  port.on('message', (message: ToWorkerMessage) => {
    if (message.type !== 'stop' || stopping) return;
    stopping = true;
    node.stop().then(
      () => send({ type: 'stopped' }),
      (error: unknown) => send({ type: 'stop-failed', error: serializeError(error) }),
    ).finally(() => port.close());
  });
  send({ type: 'listening', host: node.host, port: node.port, connectionString: node.connectionString });
}

void run(workerData as WorkerNodeOptions);
