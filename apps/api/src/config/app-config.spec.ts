import { InvalidConfigurationError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('uses the embedded event store, ./data and 127.0.0.1:3000 when nothing is set', () => {
    expect(loadAppConfig({}, '/srv/kontakt')).toEqual({
      http: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 65536, corsOrigins: [] },
      logLevel: 'info',
      dataDir: '/srv/kontakt/data',
      audit: { chainLanes: 8 },
      eventStore: {},
      readModel: {},
      projections: { run: true, readYourWritesTimeoutMs: 5000, leaseTtlMs: 15000 },
      operations: { shutdownTimeoutMs: 10000 },
      sampleStory: { seedOnStart: false },
      access: { bootstrapTokenFile: '/srv/kontakt/data/admin-token', rateLimitPerMinute: 600 },
    });
  });

  it('reads every variable', () => {
    const config = loadAppConfig(
      {
        HOST: '0.0.0.0',
        PORT: '8080',
        DATA_DIR: '/var/lib/kontakt',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        MAX_BODY_BYTES: '1048576',
        LOG_LEVEL: 'WARN',
        READ_MODEL_URL: 'postgres://kontakt@db/kontakt',
        PROJECTIONS: 'off',
        READ_YOUR_WRITES_TIMEOUT_MS: '2500',
        PROJECTION_LEASE_TTL_MS: '6000',
        CORS_ORIGINS: 'https://app.example.org, http://localhost:5173',
        OIDC_ISSUER: 'https://id.example.org/realms/kontakt',
        OIDC_AUDIENCE: 'kontakt-api',
        OIDC_JWKS_URL: 'https://id.example.org/realms/kontakt/certs',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        RATE_LIMIT_PER_MINUTE: '120',
        AUDIT_HMAC_KEY: 'a-key-of-at-least-thirty-two-characters',
        CHAIN_LANES: '4',
        SEED_SAMPLE_STORY: 'true',
        SHUTDOWN_TIMEOUT_MS: '25000',
        METRICS_TOKEN: 'a-scrape-token-of-some-length',
      },
      '/srv/kontakt',
    );
    expect(config).toEqual({
      http: { host: '0.0.0.0', port: 8080, bodyLimitBytes: 1048576, corsOrigins: ['https://app.example.org', 'http://localhost:5173'] },
      logLevel: 'warn',
      dataDir: '/var/lib/kontakt',
      audit: { hmacKey: 'a-key-of-at-least-thirty-two-characters', chainLanes: 4 },
      eventStore: { connectionString: 'esdb://localhost:2113?tls=false' },
      readModel: { url: 'postgres://kontakt@db/kontakt' },
      projections: { run: false, readYourWritesTimeoutMs: 2500, leaseTtlMs: 6000 },
      operations: { shutdownTimeoutMs: 25000, metricsToken: 'a-scrape-token-of-some-length' },
      sampleStory: { seedOnStart: true },
      access: {
        bootstrapTokenFile: '/var/lib/kontakt/admin-token',
        oidc: {
          issuer: 'https://id.example.org/realms/kontakt',
          audience: 'kontakt-api',
          jwksUrl: 'https://id.example.org/realms/kontakt/certs',
          rolesClaim: 'realm_access.roles',
        },
        rateLimitPerMinute: 120,
      },
    });
  });

  it.each([
    ['READ_MODEL_URL', 'mysql://db/kontakt', /READ_MODEL_URL must start with postgres:\/\//],
    ['PROJECTIONS', 'sometimes', /PROJECTIONS must be on or off, got 'sometimes'/],
    ['READ_YOUR_WRITES_TIMEOUT_MS', 'soon', /READ_YOUR_WRITES_TIMEOUT_MS must be a number of milliseconds/],
    ['PROJECTION_LEASE_TTL_MS', '100', /PROJECTION_LEASE_TTL_MS must be a number of milliseconds from 300 to 600000, got '100'/],
    ['PROJECTION_LEASE_TTL_MS', 'long', /PROJECTION_LEASE_TTL_MS must be a number of milliseconds from 300 to 600000, got 'long'/],
    ['RATE_LIMIT_PER_MINUTE', 'many', /RATE_LIMIT_PER_MINUTE must be a positive integer, or off/],
    ['CORS_ORIGINS', 'app.example.org', /CORS_ORIGINS must be a comma-separated list of origins/],
    ['CORS_ORIGINS', 'https://app.example.org/path', /CORS_ORIGINS must be a comma-separated list of origins/],
    ['OIDC_ISSUER', 'https://id.example.org', /OIDC_AUDIENCE must be set when OIDC_ISSUER is/],
    ['OIDC_ISSUER', 'id.example.org', /OIDC_ISSUER must be an http\(s\) URL/],
    ['OIDC_AUDIENCE', 'kontakt-api', /OIDC_AUDIENCE is set but OIDC_ISSUER is not/],
    ['AUDIT_HMAC_KEY', 'too-short', /AUDIT_HMAC_KEY must be at least 32 characters, got 9/],
    ['CHAIN_LANES', '0', /CHAIN_LANES must be an integer from 1 to 64, got '0'/],
    ['CHAIN_LANES', 'many', /CHAIN_LANES must be an integer from 1 to 64, got 'many'/],
    ['SHUTDOWN_TIMEOUT_MS', 'a while', /SHUTDOWN_TIMEOUT_MS must be a number of milliseconds from 0 to 600000, got 'a while'/],
    ['SHUTDOWN_TIMEOUT_MS', '900000', /SHUTDOWN_TIMEOUT_MS must be a number of milliseconds from 0 to 600000/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be at least 16 characters without spaces, got 5 characters/],
    ['METRICS_TOKEN', 'sixteen chars but spaced', /METRICS_TOKEN must be at least 16 characters without spaces/],
    ['SEED_SAMPLE_STORY', 'maybe', /SEED_SAMPLE_STORY must be on or off, got 'maybe'/],
  ])('rejects %s=%p, naming the variable', (name, value, message) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(message);
  });

  it.each([['off'], ['0']])('turns rate limiting off with RATE_LIMIT_PER_MINUTE=%p', (value) => {
    expect(loadAppConfig({ RATE_LIMIT_PER_MINUTE: value }).access.rateLimitPerMinute).toBeUndefined();
  });

  it('defaults the roles claim to roles and finds the JWKS through discovery', () => {
    expect(loadAppConfig({ OIDC_ISSUER: 'https://id.example.org', OIDC_AUDIENCE: 'kontakt' }).access.oidc).toEqual({
      issuer: 'https://id.example.org',
      audience: 'kontakt',
      rolesClaim: 'roles',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: '', PORT: ' ' }, '/srv').eventStore).toEqual({});
  });

  it.each([['http'], ['-1'], ['70000'], ['3000.5']])('rejects PORT=%p, naming the variable', (port) => {
    expect(() => loadAppConfig({ PORT: port })).toThrow(new InvalidConfigurationError(`PORT must be an integer from 0 to 65535, got '${port}'`));
  });

  it.each([['MAX_BODY_BYTES', '12'], ['MAX_BODY_BYTES', 'lots'], ['LOG_LEVEL', 'loud']])('rejects %s=%p, naming the variable', (name, value) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(new RegExp(`^${name} must`));
  });

  it('seeds the sample story on start with --seed, or with SEED_SAMPLE_STORY on', () => {
    expect(loadAppConfig({}, '/srv', ['--seed']).sampleStory).toEqual({ seedOnStart: true });
    expect(loadAppConfig({ SEED_SAMPLE_STORY: 'on' }, '/srv').sampleStory).toEqual({ seedOnStart: true });
    expect(loadAppConfig({ SEED_SAMPLE_STORY: 'off' }, '/srv', ['--seed']).sampleStory).toEqual({ seedOnStart: true });
    expect(loadAppConfig({ SEED_SAMPLE_STORY: '0' }, '/srv', []).sampleStory).toEqual({ seedOnStart: false });
  });

  it('refuses a bad SEED_SAMPLE_STORY even with --seed, so the mistake is seen', () => {
    expect(() => loadAppConfig({ SEED_SAMPLE_STORY: 'yes please' }, '/srv', ['--seed'])).toThrow(
      new InvalidConfigurationError("SEED_SAMPLE_STORY must be on or off, got 'yes please'"),
    );
  });

  it.each([['--sed'], ['--seed=true'], ['seed']])('refuses the start argument %p, naming it', (arg) => {
    expect(() => loadAppConfig({}, '/srv', [arg])).toThrow(
      new InvalidConfigurationError(
        `unknown argument '${arg}': the start command takes only --seed; everything else is set in the environment (README.md, Configuration)`,
      ),
    );
  });

  it('rejects a connection string that is not an esdb:// URL', () => {
    expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: 'localhost:2113' })).toThrow(/EVENTSTORE_CONNECTION_STRING must start with esdb:\/\//);
  });

  it('passes a cluster connection string with discovery, TLS and credentials through unchanged', () => {
    const connectionString = 'esdb+discover://admin:s3cr%40t@kurrentdb:2113?tls=true&tlsCAFile=/etc/kontakt/eventstore-ca/ca.crt';
    expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: connectionString }).eventStore).toEqual({ connectionString });
  });

  it.each([
    ['esdb://admin:hunter2@localhost:2113?tls=maybe', /^EVENTSTORE_CONNECTION_STRING is not a connection string @eventstore\/db-client can read: Unexpected "maybe"/],
    ['esdb+discover://admin:hunter2@node1:2113,node2:2113?tls=true', /^EVENTSTORE_CONNECTION_STRING lists 2 hosts after esdb\+discover:\/\//],
    ['http://admin:hunter2@localhost:2113', /^EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/ or esdb\+discover:\/\/, got 'http:\/\/admin:\*\*\*@localhost:2113'$/],
  ])('rejects the connection string %p without showing its password', (connectionString, message) => {
    expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: connectionString })).toThrow(message);
    expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: connectionString })).not.toThrow(/hunter2/);
  });
});
