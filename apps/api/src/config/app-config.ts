import { isAbsolute, join, resolve } from 'node:path';
import { connectionStringProblem } from '@app/event-store';
import { DEFAULT_LEASE_TTL_MS, MAX_LEASE_TTL_MS, MIN_LEASE_TTL_MS } from '@app/projections';
import { parseAuditConfig, type AuditConfig } from './audit-config';

/** Everything the API reads from its environment, validated once at start-up. */
export interface AppConfig {
  http: {
    host: string;
    port: number;
    /** Largest request body accepted, in bytes; larger bodies are refused with 413 before they are parsed. */
    bodyLimitBytes: number;
    /** Origins a browser may call the API from (CORS); empty: CORS is off and browsers keep to the same origin. */
    corsOrigins: string[];
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
    /** How long a projection's lease lasts unrenewed (PROJECTION_LEASE_TTL_MS): the failover time after a crash. */
    leaseTtlMs: number;
  };
  operations: {
    /** How long a shutdown (SIGTERM, SIGINT) waits for the requests in flight before it closes their connections. */
    shutdownTimeoutMs: number;
    /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it is open (it holds no personal data). */
    metricsToken?: string;
  };
  /** Tamper evidence: how audit checkpoints are signed. */
  audit: AuditConfig;
  sampleStory: {
    /** `npm start -- --seed` or SEED_SAMPLE_STORY: once listening, record the sample story through the API's own HTTP API. */
    seedOnStart: boolean;
  };
  access: {
    /** Where the first admin token is written (mode 0600) when the access stream is empty at start-up. */
    bootstrapTokenFile: string;
    /** Bearer JWTs from this OpenID Connect issuer are accepted besides the API's own tokens. */
    oidc?: OidcConfig;
    /** Requests per minute per token (per client address without a valid one); absent: unlimited. */
    rateLimitPerMinute?: number;
  };
}

export interface OidcConfig {
  /** The `iss` every accepted token must carry. */
  issuer: string;
  /** The `aud` every accepted token must carry: this API's client id at the issuer. */
  audience: string;
  /** Where the issuer's signing keys are; absent: the `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string;
  /** The claim holding the caller's roles (a dotted path reaches into objects: `realm_access.roles`). */
  rolesClaim: string;
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

/**
 * `env` is the process environment; `args` the start command's own arguments (`npm start -- --seed`): the one option
 * that is a flag rather than a variable, because it asks for something done once, on this start.
 */
export function loadAppConfig(env: Readonly<Record<string, string | undefined>>, workingDirectory = process.cwd(), args: readonly string[] = []): AppConfig {
  const startFlags = parseStartArguments(args);
  const seedSampleStory = parseSwitch('SEED_SAMPLE_STORY', nonEmpty(env, 'SEED_SAMPLE_STORY') ?? 'off');
  const dataDir = nonEmpty(env, 'DATA_DIR') ?? './data';
  const connectionString = nonEmpty(env, 'EVENTSTORE_CONNECTION_STRING');
  const connectionProblem = connectionString === undefined ? undefined : connectionStringProblem(connectionString);
  if (connectionProblem !== undefined) throw new InvalidConfigurationError(`EVENTSTORE_CONNECTION_STRING ${connectionProblem}`);
  const readModelUrl = nonEmpty(env, 'READ_MODEL_URL');
  if (readModelUrl !== undefined && !/^postgres(ql)?:\/\//.test(readModelUrl)) {
    throw new InvalidConfigurationError(`READ_MODEL_URL must start with postgres:// or postgresql://, got '${readModelUrl}'`);
  }
  const absoluteDataDir = isAbsolute(dataDir) ? dataDir : resolve(workingDirectory, dataDir);
  const rateLimit = parseRateLimit(nonEmpty(env, 'RATE_LIMIT_PER_MINUTE') ?? String(DEFAULT_RATE_LIMIT_PER_MINUTE));
  const oidc = parseOidc(env);
  return {
    http: {
      host: nonEmpty(env, 'HOST') ?? '127.0.0.1',
      port: parsePort(nonEmpty(env, 'PORT') ?? '3000'),
      bodyLimitBytes: parseBodyLimit(nonEmpty(env, 'MAX_BODY_BYTES') ?? '65536'),
      corsOrigins: parseCorsOrigins(nonEmpty(env, 'CORS_ORIGINS')),
    },
    logLevel: parseLogLevel(nonEmpty(env, 'LOG_LEVEL') ?? 'info'),
    dataDir: absoluteDataDir,
    eventStore: connectionString === undefined ? {} : { connectionString },
    readModel: readModelUrl === undefined ? {} : { url: readModelUrl },
    projections: {
      run: parseSwitch('PROJECTIONS', nonEmpty(env, 'PROJECTIONS') ?? 'on'),
      readYourWritesTimeoutMs: parseTimeout('READ_YOUR_WRITES_TIMEOUT_MS', nonEmpty(env, 'READ_YOUR_WRITES_TIMEOUT_MS') ?? '5000'),
      leaseTtlMs: parseLeaseTtl(nonEmpty(env, 'PROJECTION_LEASE_TTL_MS') ?? String(DEFAULT_LEASE_TTL_MS)),
    },
    operations: {
      shutdownTimeoutMs: parseTimeout('SHUTDOWN_TIMEOUT_MS', nonEmpty(env, 'SHUTDOWN_TIMEOUT_MS') ?? '10000'),
      ...optionalMetricsToken(nonEmpty(env, 'METRICS_TOKEN')),
    },
    audit: parseAuditConfig(env),
    sampleStory: { seedOnStart: startFlags.seed || seedSampleStory },
    access: {
      bootstrapTokenFile: join(absoluteDataDir, 'admin-token'),
      ...(oidc === undefined ? {} : { oidc }),
      ...(rateLimit === undefined ? {} : { rateLimitPerMinute: rateLimit }),
    },
  };
}

const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

const START_FLAGS = ['--seed'] as const;

// Everything else is configured through the environment, so an unknown argument is a typo (`--sed`), not an option
// for someone else: refusing it beats starting without what was asked for.
function parseStartArguments(args: readonly string[]): { seed: boolean } {
  for (const arg of args) {
    if (!(START_FLAGS as readonly string[]).includes(arg)) {
      throw new InvalidConfigurationError(
        `unknown argument '${arg}': the start command takes only ${START_FLAGS.join(', ')}; everything else is set in the environment (README.md, Configuration)`,
      );
    }
  }
  return { seed: args.includes('--seed') };
}

function parseRateLimit(text: string): number | undefined {
  if (['off', '0'].includes(text.toLowerCase())) return undefined;
  const limit = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(limit >= 1)) throw new InvalidConfigurationError(`RATE_LIMIT_PER_MINUTE must be a positive integer, or off (or 0) for no limit, got '${text}'`);
  return limit;
}

const MIN_METRICS_TOKEN_LENGTH = 16;

function optionalMetricsToken(token: string | undefined): { metricsToken?: string } {
  if (token === undefined) return {};
  // Scrapers send it on every request; a short one is guessed, and nothing slows down guessing at /metrics.
  if (token.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(token)) {
    throw new InvalidConfigurationError(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces, got ${token.length} characters`);
  }
  return { metricsToken: token };
}

function parseCorsOrigins(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text.split(',').map((origin) => {
    const trimmed = origin.trim();
    // An origin is scheme, host and port, nothing more (RFC 6454): what browsers send in the Origin header.
    if (!/^https?:\/\/[^/\s]+$/.test(trimmed)) {
      throw new InvalidConfigurationError(`CORS_ORIGINS must be a comma-separated list of origins like https://app.example.org, got '${trimmed}'`);
    }
    return trimmed;
  });
}

function parseOidc(env: Readonly<Record<string, string | undefined>>): OidcConfig | undefined {
  const issuer = nonEmpty(env, 'OIDC_ISSUER');
  const audience = nonEmpty(env, 'OIDC_AUDIENCE');
  const jwksUrl = nonEmpty(env, 'OIDC_JWKS_URL');
  const rolesClaim = nonEmpty(env, 'OIDC_ROLES_CLAIM') ?? 'roles';
  if (issuer === undefined) {
    for (const name of ['OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const) {
      if (nonEmpty(env, name) !== undefined) throw new InvalidConfigurationError(`${name} is set but OIDC_ISSUER is not; set both, or neither`);
    }
    return undefined;
  }
  requireHttpUrl('OIDC_ISSUER', issuer);
  if (jwksUrl !== undefined) requireHttpUrl('OIDC_JWKS_URL', jwksUrl);
  if (audience === undefined) throw new InvalidConfigurationError('OIDC_AUDIENCE must be set when OIDC_ISSUER is: the audience this API accepts tokens for');
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(rolesClaim)) {
    throw new InvalidConfigurationError(`OIDC_ROLES_CLAIM must be a claim name or a dotted path of names, got '${rolesClaim}'`);
  }
  return { issuer, audience, rolesClaim, ...(jwksUrl === undefined ? {} : { jwksUrl }) };
}

function requireHttpUrl(name: string, text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || !['https:', 'http:'].includes(url.protocol)) throw new InvalidConfigurationError(`${name} must be an http(s) URL, got '${text}'`);
}

function parseSwitch(name: string, text: string): boolean {
  if (['on', 'true', '1'].includes(text.toLowerCase())) return true;
  if (['off', 'false', '0'].includes(text.toLowerCase())) return false;
  throw new InvalidConfigurationError(`${name} must be on or off, got '${text}'`);
}

function parseLeaseTtl(text: string): number {
  const ms = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(ms >= MIN_LEASE_TTL_MS && ms <= MAX_LEASE_TTL_MS)) {
    throw new InvalidConfigurationError(`PROJECTION_LEASE_TTL_MS must be a number of milliseconds from ${MIN_LEASE_TTL_MS} to ${MAX_LEASE_TTL_MS}, got '${text}'`);
  }
  return ms;
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
