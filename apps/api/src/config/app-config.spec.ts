import { InvalidConfigurationError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('uses the embedded event store, ./data and 127.0.0.1:3000 when nothing is set', () => {
    expect(loadAppConfig({}, '/srv/kontakt')).toEqual({
      http: { host: '127.0.0.1', port: 3000 },
      dataDir: '/srv/kontakt/data',
      eventStore: {},
    });
  });

  it('reads every variable', () => {
    const config = loadAppConfig(
      { HOST: '0.0.0.0', PORT: '8080', DATA_DIR: '/var/lib/kontakt', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' },
      '/srv/kontakt',
    );
    expect(config).toEqual({
      http: { host: '0.0.0.0', port: 8080 },
      dataDir: '/var/lib/kontakt',
      eventStore: { connectionString: 'esdb://localhost:2113?tls=false' },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: '', PORT: ' ' }, '/srv').eventStore).toEqual({});
  });

  it.each([['http'], ['-1'], ['70000'], ['3000.5']])('rejects PORT=%p, naming the variable', (port) => {
    expect(() => loadAppConfig({ PORT: port })).toThrow(new InvalidConfigurationError(`PORT must be an integer from 0 to 65535, got '${port}'`));
  });

  it('rejects a connection string that is not an esdb:// URL', () => {
    expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: 'localhost:2113' })).toThrow(/EVENTSTORE_CONNECTION_STRING must start with esdb:\/\//);
  });
});
