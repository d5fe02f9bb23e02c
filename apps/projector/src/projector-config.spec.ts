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
    });
  });

  it('connects to the event store named by EVENTSTORE_CONNECTION_STRING', () => {
    for (const connectionString of ['esdb://localhost:2113?tls=false', 'esdb+discover://cluster.example:2113']) {
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

  it('accepts log levels in any case', () => {
    expect(loadProjectorConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });

  it.each([
    [{ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, /EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/ or esdb\+discover:\/\/, got 'http:\/\/localhost:2113'/],
    [{ READ_MODEL_URL: 'mysql://db/kontakt' }, /READ_MODEL_URL must start with postgres:\/\/ or postgresql:\/\/, got 'mysql:\/\/db\/kontakt'/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'/],
  ])('rejects %p, naming the variable', (env, message) => {
    const error = failureOf(env);
    expect(error.message).toMatch(message);
    expect(error.code).toBe('INVALID_CONFIGURATION');
  });
});
