import { join } from 'node:path';
import { UsageError } from './cli-errors';
import { DEFAULT_API_URL, resolveCliConfig } from './cli-config';

const files = (contents: Record<string, string>) => (path: string) => contents[path];

describe('resolveCliConfig', () => {
  it('defaults to the local API and the admin token the API wrote to ./data', () => {
    const config = resolveCliConfig({}, {}, '/repo', files({ '/repo/data/admin-token': 'kt_1_secret\n' }));
    expect(config).toEqual({ url: DEFAULT_API_URL, token: 'kt_1_secret', tokenSource: { file: '/repo/data/admin-token' }, tokenFile: '/repo/data/admin-token' });
  });

  it('looks for the admin token under DATA_DIR, relative to the working directory', () => {
    const config = resolveCliConfig({}, { DATA_DIR: 'var/kontakt' }, '/repo', files({ [join('/repo/var/kontakt', 'admin-token')]: 'kt_2_secret' }));
    expect(config.token).toBe('kt_2_secret');
  });

  it('prefers --url and --token over KONTAKT_URL and KONTAKT_TOKEN, and those over the file', () => {
    const env = { KONTAKT_URL: 'http://api.example.org', KONTAKT_TOKEN: 'kt_env' };
    const withFile = files({ '/repo/data/admin-token': 'kt_file' });
    expect(resolveCliConfig({}, env, '/repo', withFile)).toMatchObject({ url: 'http://api.example.org', token: 'kt_env', tokenSource: 'KONTAKT_TOKEN' });
    expect(resolveCliConfig({ url: 'https://other:8443/', token: 'kt_flag' }, env, '/repo', withFile)).toMatchObject({ url: 'https://other:8443/', token: 'kt_flag', tokenSource: '--token' });
  });

  it('goes without a token when none is given and there is no file', () => {
    expect(resolveCliConfig({}, {}, '/repo', files({}))).toMatchObject({ tokenSource: 'none' });
    expect(resolveCliConfig({}, {}, '/repo', files({})).token).toBeUndefined();
  });

  it('refuses a URL that is not http(s), naming where it came from', () => {
    expect(() => resolveCliConfig({ url: 'localhost:3000' }, {}, '/repo', files({}))).toThrow(new UsageError('--url: must be an http:// or https:// URL, not localhost:3000'));
    expect(() => resolveCliConfig({}, { KONTAKT_URL: 'not a url' }, '/repo', files({}))).toThrow(/^KONTAKT_URL: not a URL: not a url/);
  });

  it('refuses an empty --token', () => {
    expect(() => resolveCliConfig({ token: ' ' }, {}, '/repo', files({}))).toThrow('--token: is empty');
  });
});
