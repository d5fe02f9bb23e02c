import { InvalidConfigurationError, loadProjectorConfig } from './projector-config';

function failureOf(env: Record<string, string>): InvalidConfigurationError {
  try {
    loadProjectorConfig(env, '/srv/kontakt');
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadProjectorConfig', () => {
  it('runs the embedded event store and SQLite under ./data by default', () => {
    expect(loadProjectorConfig({}, '/srv/kontakt')).toEqual({
      logLevel: 'info',
      dataDir: '/srv/kontakt/data',
      eventStore: { embeddedDataDir: '/srv/kontakt/data/event-store' },
      readModel: { kind: 'sqlite', file: '/srv/kontakt/data/read-model.sqlite' },
      leaseTtlMs: 15_000,
    });
  });

  it('takes the lease TTL from PROJECTION_LEASE_TTL_MS', () => {
    expect(loadProjectorConfig({ PROJECTION_LEASE_TTL_MS: '1500' }).leaseTtlMs).toBe(1500);
  });

  it('connects to the event store named by EVENTSTORE_CONNECTION_STRING', () => {
    for (const connectionString of [
      'esdb://localhost:2113?tls=false',
      'esdb+discover://cluster.example:2113',
      'esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/etc/kontakt/eventstore-ca/ca.crt',
    ]) {
      expect(loadProjectorConfig({ EVENTSTORE_CONNECTION_STRING: connectionString }).eventStore.connectionString).toBe(connectionString);
    }
  });

  it('writes to PostgreSQL when READ_MODEL_URL names it', () => {
    const url = 'postgres://kontakt@db.example/kontakt';
    expect(loadProjectorConfig({ READ_MODEL_URL: url }).readModel).toEqual({ kind: 'postgres', url });
  });

  it('keeps local state in DATA_DIR, relative to the working directory', () => {
    const config = loadProjectorConfig({ DATA_DIR: 'state' }, '/srv/kontakt');
    expect(config.dataDir).toBe('/srv/kontakt/state');
    expect(config.eventStore.embeddedDataDir).toBe('/srv/kontakt/state/event-store');
    expect(config.readModel).toEqual({ kind: 'sqlite', file: '/srv/kontakt/state/read-model.sqlite' });
    expect(loadProjectorConfig({ DATA_DIR: '/var/lib/kontakt' }).dataDir).toBe('/var/lib/kontakt');
  });

  it('treats empty variables as unset', () => {
    expect(loadProjectorConfig({ EVENTSTORE_CONNECTION_STRING: ' ', READ_MODEL_URL: '', DATA_DIR: '', LOG_LEVEL: '' }, '/srv/kontakt')).toEqual(
      loadProjectorConfig({}, '/srv/kontakt'),
    );
  });

  it('serves no metrics unless METRICS_PORT is set, then on 127.0.0.1 unless METRICS_HOST says otherwise', () => {
    expect(loadProjectorConfig({}).metrics).toBeUndefined();
    expect(loadProjectorConfig({ METRICS_PORT: 'off' }).metrics).toBeUndefined();
    expect(loadProjectorConfig({ METRICS_TOKEN: 'the-api-s-scrape-token-too' }).metrics).toBeUndefined();
    expect(loadProjectorConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadProjectorConfig({ METRICS_PORT: '0', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'a-scrape-token-of-some-length' }).metrics).toEqual({
      host: '0.0.0.0',
      port: 0,
      token: 'a-scrape-token-of-some-length',
    });
  });

  it('accepts log levels in any case', () => {
    expect(loadProjectorConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });

  it.each([
    [{ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, /EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/ or esdb\+discover:\/\/, got 'http:\/\/localhost:2113'/],
    [{ EVENTSTORE_CONNECTION_STRING: 'esdb+discover://node1:2113,node2:2113' }, /EVENTSTORE_CONNECTION_STRING lists 2 hosts after esdb\+discover:\/\/, but the client asks only the first one for gossip/],
    [{ EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113?nodePreference=nearest' }, /EVENTSTORE_CONNECTION_STRING is not a connection string @eventstore\/db-client can read: .*expected leader or follower/],
    [{ READ_MODEL_URL: 'mysql://db/kontakt' }, /READ_MODEL_URL must start with postgres:\/\/ or postgresql:\/\/, got 'mysql:\/\/db\/kontakt'/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'/],
    [{ PROJECTION_LEASE_TTL_MS: '10' }, /PROJECTION_LEASE_TTL_MS must be a number of milliseconds from 300 to 600000, got '10'/],
    [{ PROJECTION_LEASE_TTL_MS: '15s' }, /PROJECTION_LEASE_TTL_MS must be a number of milliseconds from 300 to 600000, got '15s'/],
    [{ METRICS_PORT: '99999' }, /METRICS_PORT must be an integer from 0 to 65535, or off, got '99999'/],
    [{ METRICS_PORT: '9464', METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters without spaces, got 5 characters/],
  ])('rejects %p, naming the variable', (env, message) => {
    const error = failureOf(env);
    expect(error.message).toMatch(message);
    expect(error.code).toBe('INVALID_CONFIGURATION');
  });
});
