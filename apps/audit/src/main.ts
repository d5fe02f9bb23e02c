// `npm run audit:verify [-- --from <token> | --checkpoint <token>] [--json]`: verifies the event store's hash chains.
import { formatVerification, InvalidCheckpointError, loadAuditKey, MIN_AUDIT_KEY_LENGTH, parseCheckpointToken, verifyEventStore, type AuditCheckpoint } from '@app/audit';
import { StderrWriter } from '@app/terminal';
import { jsonLineLogger } from '../../projector/src/json-line-logger';
import { InvalidConfigurationError, loadProjectorConfig } from '../../projector/src/projector-config';
import { connectEventStore } from '../../projector/src/projector-connections';
import { parseAuditArguments, USAGE, UsageError, type AuditCommand } from './audit-arguments';

const EXIT_INTACT = 0;
const EXIT_BROKEN_OR_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let command: AuditCommand;
  let config;
  let key: Buffer;
  try {
    command = parseAuditArguments(argv);
    if (command.kind === 'help') {
      process.stdout.write(USAGE);
      return EXIT_INTACT;
    }
    config = loadProjectorConfig(env);
    const configured = env.AUDIT_HMAC_KEY?.trim();
    if (configured !== undefined && configured !== '' && configured.length < MIN_AUDIT_KEY_LENGTH) throw new InvalidConfigurationError(`AUDIT_HMAC_KEY must be at least ${MIN_AUDIT_KEY_LENGTH} characters`);
    key = (await loadAuditKey(configured === '' ? undefined : configured, config.dataDir)).key;
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\nRun 'npm run audit:verify -- --help' for usage.\n`);
    else if (error instanceof InvalidConfigurationError) process.stderr.write(`Invalid configuration: ${error.message}\n`);
    else throw error;
    return EXIT_USAGE;
  }
  let from: AuditCheckpoint | undefined;
  let expected: AuditCheckpoint | undefined;
  try {
    if (command.from !== undefined) from = parseCheckpointToken(command.from, key);
    if (command.checkpoint !== undefined) expected = parseCheckpointToken(command.checkpoint, key);
  } catch (error) {
    if (!(error instanceof InvalidCheckpointError)) throw error;
    process.stderr.write(`error: ${command.from !== undefined ? '--from' : '--checkpoint'}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const logger = jsonLineLogger(config.logLevel, new StderrWriter());
  const { client, embedded } = await connectEventStore(config, logger);
  try {
    const result = await verifyEventStore(client, { key, ...(from ? { from } : {}), ...(expected ? { expect: [expected] } : {}) });
    process.stdout.write(command.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerification(result));
    return result.report.intact ? EXIT_INTACT : EXIT_BROKEN_OR_FAILED;
  } finally {
    await client.dispose();
    await embedded?.stop();
  }
}

main(process.argv.slice(2), process.env).then(
  // Exit explicitly: a connection a library keeps open must not keep a finished command alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT_BROKEN_OR_FAILED);
  },
);
