import type { ProjectorLogger } from './json-line-logger';

/**
 * Resolves on the first SIGINT or SIGTERM, so the command can finish what is in flight and close its connections;
 * a second signal exits at once (an operator who presses Ctrl-C twice means it).
 */
export function shutdownSignal(logger: ProjectorLogger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.warn('second signal while stopping: exiting without waiting', { signal });
        process.exit(1);
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
