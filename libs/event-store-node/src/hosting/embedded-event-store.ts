import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStoreNodeOptions } from '../node-options';
import { stderrLogger } from '../event-store-node';
import { deserializeError, type FromWorkerMessage, type ToWorkerMessage, type WorkerNodeOptions } from './worker-messages';

/** An EventStoreNode running in its own worker thread, reachable over gRPC like any EventStoreDB node. */
export interface EmbeddedEventStore {
  readonly connectionString: string;
  readonly port: number;
  /** Graceful: the node ends subscriptions and flushes pending appends to disk, then the worker exits. */
  stop(): Promise<void>;
}

/** How long a worker may linger after its node reported stopped before it is terminated; its data is on disk by then. */
const EXIT_GRACE_MS = 5_000;

/**
 * Starts an EventStoreNode inside a worker thread, so the node's I/O and CPU work never share the host application's
 * event loop. Resolves once the node listens; rejects if it fails to start or the worker dies first.
 */
export function startEmbeddedEventStore(options: EventStoreNodeOptions): Promise<EmbeddedEventStore> {
  const { logger = stderrLogger, ...nodeOptions } = options;
  const worker = spawnWorker(nodeOptions);

  return new Promise<EmbeddedEventStore>((resolve, reject) => {
    let started = false;
    let exited = false;
    let stopPromise: Promise<void> | undefined;
    let resolveStop: (() => void) | undefined;
    let stopError: Error | undefined;
    let stopAcknowledged = false;

    const onExit = (exitCode: number) => {
      exited = true;
      if (!started) {
        reject(new Error(`Embedded event store worker exited with code ${exitCode} before it was listening`));
      } else if (resolveStop) {
        if (!stopAcknowledged) stopError ??= new Error(`Embedded event store worker exited with code ${exitCode} before its node stopped`);
        resolveStop();
      } else {
        logger.error('embedded event store worker exited unexpectedly', { exitCode });
      }
    };

    worker.on('message', (message: FromWorkerMessage) => {
      switch (message.type) {
        case 'log':
          logger[message.level](message.message, message.fields);
          return;
        case 'start-failed':
          reject(deserializeError(message.error));
          return;
        case 'listening':
          started = true;
          resolve({ connectionString: message.connectionString, port: message.port, stop });
          return;
        case 'stop-failed':
          stopAcknowledged = true;
          stopError = deserializeError(message.error);
          terminateAfterGrace();
          return;
        case 'stopped':
          stopAcknowledged = true;
          terminateAfterGrace();
          return;
      }
    });
    worker.on('error', (error) => {
      if (started) logger.error('embedded event store worker failed', { error: error.message, stack: error.stack });
      else reject(error);
    });
    worker.on('exit', onExit);

    function terminateAfterGrace(): void {
      setTimeout(() => void worker.terminate(), EXIT_GRACE_MS).unref();
    }

    function stop(): Promise<void> {
      stopPromise ??= new Promise<void>((resolveExit) => {
        if (exited) return resolveExit();
        resolveStop = resolveExit;
        worker.postMessage({ type: 'stop' } satisfies ToWorkerMessage);
      }).then(() => {
        if (stopError) throw stopError;
      });
      return stopPromise;
    }
  });
}

function spawnWorker(nodeOptions: WorkerNodeOptions): Worker {
  // Run TypeScript sources through the same on-the-fly compiler as the host; compiled builds need no loader.
  // Jest's transform does not reach worker threads, so under Jest this path applies as well.
  const extension = extname(__filename);
  const entry = join(__dirname, `event-store-worker${extension}`);
  const execArgv = extension === '.ts' ? ['--require', require.resolve('@swc-node/register')] : [];
  return new Worker(entry, { workerData: nodeOptions, execArgv });
}
