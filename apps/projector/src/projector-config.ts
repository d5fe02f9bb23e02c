import { isAbsolute, join, resolve } from 'node:path';
import { readModelTargetFrom, type ReadModelTarget } from '@app/read-model';

/** Everything the projector reads from its environment, validated once at start-up. */
export interface ProjectorConfig {
  /** Threshold of the JSON log on stderr. */
  logLevel: LogLevel;
  /** Absolute folder for local state: the embedded event store's log, the SQLite read model. */
  dataDir: string;
  eventStore: {
    /** An external EventStoreDB/KurrentDB (or the node the API runs); absent: the embedded node on `embeddedDataDir`. */
    connectionString?: string;
    embeddedDataDir: string;
  };
  readModel: ReadModelTarget;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An environment variable holds a value the projector cannot run with; the message names the variable. */
export class InvalidConfigurationError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  override readonly name = 'InvalidConfigurationError';
}

// The schemes @eventstore/db-client 6 parses.
const CONNECTION_STRING_SCHEMES = ['esdb://', 'esdb+discover://'];

export function loadProjectorConfig(env: Readonly<Record<string, string | undefined>>, workingDirectory = process.cwd()): ProjectorConfig {
  const dataDirText = nonEmpty(env, 'DATA_DIR') ?? './data';
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(workingDirectory, dataDirText);
  const connectionString = nonEmpty(env, 'EVENTSTORE_CONNECTION_STRING');
  if (connectionString !== undefined && !CONNECTION_STRING_SCHEMES.some((scheme) => connectionString.startsWith(scheme))) {
    throw new InvalidConfigurationError(
      `EVENTSTORE_CONNECTION_STRING must start with ${CONNECTION_STRING_SCHEMES.join(' or ')}, got '${connectionString}'`,
    );
  }
  return {
    logLevel: parseLogLevel(nonEmpty(env, 'LOG_LEVEL') ?? 'info'),
    dataDir,
    eventStore: { ...(connectionString === undefined ? {} : { connectionString }), embeddedDataDir: join(dataDir, 'event-store') },
    readModel: parseReadModelTarget(nonEmpty(env, 'READ_MODEL_URL'), dataDir),
  };
}

function nonEmpty(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parseLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((candidate) => candidate === text.toLowerCase());
  if (level === undefined) throw new InvalidConfigurationError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${text}'`);
  return level;
}

function parseReadModelTarget(url: string | undefined, dataDir: string): ReadModelTarget {
  try {
    return readModelTargetFrom(url, dataDir);
  } catch (error) {
    // readModelTargetFrom's message already names READ_MODEL_URL and the value.
    throw new InvalidConfigurationError((error as Error).message);
  }
}
