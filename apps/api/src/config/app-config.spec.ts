import { InvalidConfigurationError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('uses the embedded event store, ./data and 127.0.0.1:3000 when nothing is set', () => {
    expect(loadAppConfig({}, '/srv/kontakt')).toEqual({
      http: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 65536 },
      logLevel: 'info',
      dataDir: '/srv/kontakt/data',
      eventStore: {},
      readModel: {},
      projections: { run: true, readYourWritesTimeoutMs: 5000 },
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
      },
      '/srv/kontakt',
    );
    expect(config).toEqual({
      http: { host: '0.0.0.0', port: 8080, bodyLimitBytes: 1048576 },
      logLevel: 'warn',
      dataDir: '/var/lib/kontakt',
      eventStore: { connectionString: 'esdb://localhost:2113?tls=false' },
      readModel: { url: 'postgres://kontakt@db/kontakt' },
      projections: { run: false, readYourWritesTimeoutMs: 2500 },
    });
  });

  it.each([
    ['READ_MODEL_URL', 'mysql://db/kontakt', /READ_MODEL_URL must start with postgres:\/\//],
    ['PROJECTIONS', 'sometimes', /PROJECTIONS must be on or off, got 'sometimes'/],
    ['READ_YOUR_WRITES_TIMEOUT_MS', 'soon', /READ_YOUR_WRITES_TIMEOUT_MS must be a number of milliseconds/],
  ])('rejects %s=%p, naming the variable', (name, value, message) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(message);
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

  it('rejects a connection string that is not an esdb:// URL', () => {
    expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: 'localhost:2113' })).toThrow(/EVENTSTORE_CONNECTION_STRING must start with esdb:\/\//);
  });
});
