import { isAbsolute, resolve } from 'node:path';

/** Everything the API reads from its environment, validated once at start-up. */
export interface AppConfig {
  http: {
    host: string;
    port: number;
    /** Largest request body accepted, in bytes; larger bodies are refused with 413 before they are parsed. */
    bodyLimitBytes: number;
  };
  /** pino level for the JSON log on stdout. */
  logLevel: LogLevel;
  /** Absolute folder for local state; the embedded event store keeps its log under `<dataDir>/event-store`. */
  dataDir: string;
  eventStore: {
    /** An external EventStoreDB/KurrentDB (`esdb://...`); when absent the API runs the embedded node. */
    connectionString?: string;
  };
  readModel: {
    /** PostgreSQL (`postgres://...`); when absent, SQLite at `<dataDir>/read-model.sqlite`. */
    url?: string;
  };
  projections: {
    /** Run the projections in this process (default); off when a separate `npm run projections -- run` does. */
    run: boolean;
    /** How long a query given `minPosition` waits for the projections before answering 503. */
    readYourWritesTimeoutMs: number;
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Injection token for the AppConfig. */
export const APP_CONFIG = Symbol('AppConfig');

/** An environment variable holds a value the API cannot run with; the message names the variable. */
export class InvalidConfigurationError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  override readonly name = 'InvalidConfigurationError';
}

// The schemes @eventstore/db-client 6 parses; KurrentDB servers accept this client too.
const CONNECTION_STRING_SCHEMES = ['esdb://', 'esdb+discover://'];

export function loadAppConfig(env: Readonly<Record<string, string | undefined>>, workingDirectory = process.cwd()): AppConfig {
  const dataDir = nonEmpty(env, 'DATA_DIR') ?? './data';
  const connectionString = nonEmpty(env, 'EVENTSTORE_CONNECTION_STRING');
  if (connectionString !== undefined && !CONNECTION_STRING_SCHEMES.some((scheme) => connectionString.startsWith(scheme))) {
    throw new InvalidConfigurationError(
      `EVENTSTORE_CONNECTION_STRING must start with ${CONNECTION_STRING_SCHEMES.join(' or ')}, got '${connectionString}'`,
    );
  }
  const readModelUrl = nonEmpty(env, 'READ_MODEL_URL');
  if (readModelUrl !== undefined && !/^postgres(ql)?:\/\//.test(readModelUrl)) {
    throw new InvalidConfigurationError(`READ_MODEL_URL must start with postgres:// or postgresql://, got '${readModelUrl}'`);
  }
  return {
    http: {
      host: nonEmpty(env, 'HOST') ?? '127.0.0.1',
      port: parsePort(nonEmpty(env, 'PORT') ?? '3000'),
      bodyLimitBytes: parseBodyLimit(nonEmpty(env, 'MAX_BODY_BYTES') ?? '65536'),
    },
    logLevel: parseLogLevel(nonEmpty(env, 'LOG_LEVEL') ?? 'info'),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(workingDirectory, dataDir),
    eventStore: connectionString === undefined ? {} : { connectionString },
    readModel: readModelUrl === undefined ? {} : { url: readModelUrl },
    projections: {
      run: parseSwitch('PROJECTIONS', nonEmpty(env, 'PROJECTIONS') ?? 'on'),
      readYourWritesTimeoutMs: parseTimeout('READ_YOUR_WRITES_TIMEOUT_MS', nonEmpty(env, 'READ_YOUR_WRITES_TIMEOUT_MS') ?? '5000'),
    },
  };
}

function parseSwitch(name: string, text: string): boolean {
  if (['on', 'true', '1'].includes(text.toLowerCase())) return true;
  if (['off', 'false', '0'].includes(text.toLowerCase())) return false;
  throw new InvalidConfigurationError(`${name} must be on or off, got '${text}'`);
}

function parseTimeout(name: string, text: string): number {
  const ms = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(ms >= 0 && ms <= 600_000)) throw new InvalidConfigurationError(`${name} must be a number of milliseconds from 0 to 600000, got '${text}'`);
  return ms;
}

function nonEmpty(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new InvalidConfigurationError(`PORT must be an integer from 0 to 65535, got '${text}'`);
  return port;
}

function parseBodyLimit(text: string): number {
  const bytes = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(bytes >= 1024)) throw new InvalidConfigurationError(`MAX_BODY_BYTES must be an integer of at least 1024, got '${text}'`);
  return bytes;
}

function parseLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((candidate) => candidate === text.toLowerCase());
  if (level === undefined) throw new InvalidConfigurationError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${text}'`);
  return level;
}
