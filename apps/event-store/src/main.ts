// Standalone EventStoreDB-compatible node: `npm run event-store -- --db <folder> --port <port>` (see USAGE).
import { EventStoreNode, stderrLogger } from '@app/event-store-node';
import { parseEventStoreArguments, USAGE, UsageError, type EventStoreCommand } from './event-store-arguments';

const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function main(argv: readonly string[]): Promise<void> {
  let command: EventStoreCommand;
  try {
    command = parseEventStoreArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }

  const logger = stderrLogger;
  const { options } = command;
  if (!LOOPBACK.test(options.host)) {
    logger.warn('listening beyond loopback without TLS or authentication', { host: options.host });
  }

  let node: EventStoreNode;
  try {
    node = await EventStoreNode.start({ ...options, logger });
  } catch (error) {
    logger.error('event store failed to start', { error: error instanceof Error ? error.message : String(error) });
    process.exitCode = EXIT_FAILURE;
    return;
  }
  process.stdout.write(`${JSON.stringify({ msg: 'listening', connectionString: node.connectionString, port: node.port })}\n`);

  let stopping = false;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal while stopping: exiting without waiting', { signal });
      process.exit(EXIT_FAILURE);
    }
    stopping = true;
    logger.info('stopping', { signal });
    node.stop().then(
      () => {
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('graceful stop failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'unexpected failure', error: String(error) })}\n`);
  process.exit(EXIT_FAILURE);
});
