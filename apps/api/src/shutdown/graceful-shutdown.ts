import type { Server } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { ShutdownState } from './shutdown-state';

const logger = new Logger('Shutdown');

/**
 * Shuts the API down without losing work, in this order:
 * 1. readiness answers 503 and new requests are refused with 503 SHUTTING_DOWN (the shutdown gate);
 * 2. the requests in flight finish, commands included, for at most `timeoutMs`; connections still busy after that
 *    are closed (their commands may still complete; their callers see a dropped connection, never a false 2xx);
 * 3. `app.close()`, whose hooks Nest calls in this order: onModuleDestroy; beforeApplicationShutdown, where the
 *    projection engine finishes its current batch and commits its checkpoint, and the access-stream subscription
 *    ends; the HTTP server closes; onApplicationShutdown, where the read-model writer, the event-store client and
 *    the embedded node close, the node after flushing its pending appends.
 */
export async function shutDownGracefully(app: INestApplication, timeoutMs: number): Promise<void> {
  const state = app.get(ShutdownState);
  state.begin();
  logger.log({ msg: 'shutting down: refusing new requests, finishing those in flight', requestsInFlight: state.requestsInFlight, timeoutMs });
  if (!(await state.whenIdle(timeoutMs))) {
    logger.warn({ msg: 'requests still in flight when SHUTDOWN_TIMEOUT_MS ran out; closing their connections', requestsInFlight: state.requestsInFlight, timeoutMs });
    (app.getHttpServer() as Server).closeAllConnections();
  }
  await app.close();
  logger.log('shut down');
}

/**
 * SIGTERM and SIGINT shut the API down gracefully, then exit 0 (1 when closing failed). Instead of Nest's
 * enableShutdownHooks, which re-raises the signal after closing (the process then ends by the signal, not with 0)
 * and knows nothing of requests in flight. A second signal exits at once: whoever sends it means it.
 */
export function shutDownGracefullyOnSignals(app: INestApplication, timeoutMs: number, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ msg: 'second signal while shutting down: exiting without waiting', signal });
      exit(1);
      return;
    }
    stopping = true;
    logger.log({ msg: 'signal received', signal });
    shutDownGracefully(app, timeoutMs).then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ msg: 'shutdown failed', error: error instanceof Error ? error.message : String(error) });
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
