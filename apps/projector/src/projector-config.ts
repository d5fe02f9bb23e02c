import { isAbsolute, join, resolve } from 'node:path';
import { connectionStringProblem } from '@app/event-store';
import type { MetricsEndpoint } from '@app/metrics';
import { DEFAULT_LEASE_TTL_MS, MAX_LEASE_TTL_MS, MIN_LEASE_TTL_MS } from '@app/projections';
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
  /**
   * How long a projection's lease lasts unrenewed (PROJECTION_LEASE_TTL_MS): a worker that dies is replaced by a
   * standby after at most this (and a third more); one that stops gracefully releases its leases at once.
   */
  leaseTtlMs: number;
  /** `run` serves GET /metrics here (METRICS_PORT); absent: no metrics endpoint. */
  metrics?: MetricsEndpoint;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An environment variable holds a value the projector cannot run with; the message names the variable. */
export class InvalidConfigurationError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  override readonly name = 'InvalidConfigurationError';
}

export function loadProjectorConfig(env: Readonly<Record<string, string | undefined>>, workingDirectory = process.cwd()): ProjectorConfig {
  const dataDirText = nonEmpty(env, 'DATA_DIR') ?? './data';
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(workingDirectory, dataDirText);
  const connectionString = nonEmpty(env, 'EVENTSTORE_CONNECTION_STRING');
  const connectionProblem = connectionString === undefined ? undefined : connectionStringProblem(connectionString);
  if (connectionProblem !== undefined) throw new InvalidConfigurationError(`EVENTSTORE_CONNECTION_STRING ${connectionProblem}`);
  return {
    logLevel: parseLogLevel(nonEmpty(env, 'LOG_LEVEL') ?? 'info'),
    dataDir,
    eventStore: { ...(connectionString === undefined ? {} : { connectionString }), embeddedDataDir: join(dataDir, 'event-store') },
    readModel: parseReadModelTarget(nonEmpty(env, 'READ_MODEL_URL'), dataDir),
    leaseTtlMs: parseLeaseTtl(nonEmpty(env, 'PROJECTION_LEASE_TTL_MS') ?? String(DEFAULT_LEASE_TTL_MS)),
    ...parseMetricsEndpoint(env),
  };
}

const MIN_METRICS_TOKEN_LENGTH = 16;

/** METRICS_PORT switches the endpoint on (0: any free port, logged); METRICS_HOST and METRICS_TOKEN as for the API. */
function parseMetricsEndpoint(env: Readonly<Record<string, string | undefined>>): { metrics?: MetricsEndpoint } {
  const portText = nonEmpty(env, 'METRICS_PORT');
  // Without a port, METRICS_HOST and METRICS_TOKEN go unused: one environment file may serve the API and the worker.
  if (portText === undefined || portText.toLowerCase() === 'off') return {};
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new InvalidConfigurationError(`METRICS_PORT must be an integer from 0 to 65535, or off, got '${portText}'`);
  const token = nonEmpty(env, 'METRICS_TOKEN');
  if (token !== undefined && (token.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(token))) {
    throw new InvalidConfigurationError(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces, got ${token.length} characters`);
  }
  return { metrics: { host: nonEmpty(env, 'METRICS_HOST') ?? '127.0.0.1', port, ...(token === undefined ? {} : { token }) } };
}

function nonEmpty(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parseLeaseTtl(text: string): number {
  const ms = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(ms >= MIN_LEASE_TTL_MS && ms <= MAX_LEASE_TTL_MS)) {
    throw new InvalidConfigurationError(`PROJECTION_LEASE_TTL_MS must be a number of milliseconds from ${MIN_LEASE_TTL_MS} to ${MAX_LEASE_TTL_MS}, got '${text}'`);
  }
  return ms;
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
