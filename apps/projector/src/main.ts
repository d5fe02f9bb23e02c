// The projection worker and its tools: `npm run projections -- run | rebuild <name>|all | status [--json]` (see USAGE).
import { KONTAKT_PROJECTIONS } from '@app/projections';
import { StderrWriter } from '@app/terminal';
import { rebuildProjections } from './commands/rebuild.command';
import { runProjections } from './commands/run.command';
import { showStatus } from './commands/status.command';
import { jsonLineLogger, type ProjectorLogger } from './json-line-logger';
import { parseProjectorArguments, UsageError, type ProjectorCommand } from './projector-arguments';
import { InvalidConfigurationError, loadProjectorConfig, type ProjectorConfig } from './projector-config';
import { openConnections, type ProjectorConnections } from './projector-connections';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  let command: ProjectorCommand;
  let config: ProjectorConfig;
  try {
    command = parseProjectorArguments(argv, KONTAKT_PROJECTIONS.map((definition) => definition.name));
    if (command.kind === 'help') {
      process.stdout.write(command.text);
      return EXIT_OK;
    }
    config = loadProjectorConfig(process.env);
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\nRun 'npm run projections -- --help' for usage.\n`);
    else if (error instanceof InvalidConfigurationError) process.stderr.write(`Invalid configuration: ${error.message}\n`);
    else throw error;
    return EXIT_USAGE;
  }

  const writer = new StderrWriter();
  const logger = jsonLineLogger(config.logLevel, writer);
  let connections: ProjectorConnections;
  try {
    connections = await openConnections(config, logger);
  } catch (error) {
    logger.error('cannot open the event store or the read-model store', { error: (error as Error).message });
    return EXIT_FAILURE;
  }
  try {
    return await dispatch(command, connections, logger, writer, config);
  } catch (error) {
    logger.error(`${command.kind} failed`, { error: (error as Error).message });
    return EXIT_FAILURE;
  } finally {
    await connections.close().catch((error: unknown) => logger.warn('closing the connections failed', { error: (error as Error).message }));
  }
}

function dispatch(command: Exclude<ProjectorCommand, { kind: 'help' }>, connections: ProjectorConnections, logger: ProjectorLogger, writer: StderrWriter, config: ProjectorConfig): Promise<number> {
  switch (command.kind) {
    case 'run':
      return runProjections(connections, logger, config.metrics, { projections: command.projections, leaseTtlMs: config.leaseTtlMs });
    case 'rebuild':
      return rebuildProjections(command.projections, connections, logger, writer, config.leaseTtlMs);
    case 'status':
      return showStatus(command.json, connections);
  }
}

main(process.argv.slice(2)).then(
  // Exit explicitly: a connection a library keeps open must not keep a finished command alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), service: 'kontakt-projector', msg: 'unexpected failure', error: String(error) })}\n`);
    process.exit(EXIT_FAILURE);
  },
);
