import { DEFAULT_HOST, DEFAULT_PORT } from '@app/event-store-node';
import { parseEventStoreArguments, UsageError } from './event-store-arguments';

function usageErrorOf(argv: string[]): UsageError {
  try {
    parseEventStoreArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be rejected`);
}

describe('parseEventStoreArguments', () => {
  it('runs on a data folder and port', () => {
    expect(parseEventStoreArguments(['--db', './data/es', '--port', '2114'])).toEqual({
      kind: 'run',
      options: { dataDir: './data/es', memory: false, host: DEFAULT_HOST, port: 2114 },
    });
  });

  it('listens on loopback and the EventStoreDB port unless told otherwise', () => {
    const command = parseEventStoreArguments(['--db=/var/lib/es']);
    expect(command).toMatchObject({ kind: 'run', options: { host: '127.0.0.1', port: DEFAULT_PORT } });
  });

  it('accepts port 0 to pick a free port', () => {
    expect(parseEventStoreArguments(['--memory', '--port', '0'])).toMatchObject({ options: { port: 0 } });
  });

  it('runs in memory without a data folder', () => {
    expect(parseEventStoreArguments(['--memory'])).toEqual({
      kind: 'run',
      options: { memory: true, host: DEFAULT_HOST, port: DEFAULT_PORT },
    });
  });

  it('listens on another interface when asked', () => {
    expect(parseEventStoreArguments(['--memory', '--host', '0.0.0.0'])).toMatchObject({ options: { host: '0.0.0.0' } });
  });

  it('shows help with --help or -h, whatever else is given', () => {
    expect(parseEventStoreArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseEventStoreArguments(['-h', '--port', '1'])).toEqual({ kind: 'help' });
  });

  it('requires a data folder unless running in memory', () => {
    expect(usageErrorOf([]).message).toMatch(/--db <folder> is required/);
  });

  it('rejects a data folder together with --memory', () => {
    expect(usageErrorOf(['--db', 'x', '--memory']).message).toMatch(/--db and --memory exclude each other/);
  });

  it.each([['-1'], ['65536'], ['abc'], ['21.5'], ['']])('rejects port %p', (port) => {
    expect(usageErrorOf(['--memory', `--port=${port}`]).message).toMatch(/--port must be an integer from 0 to 65535/);
  });

  it('rejects an option without its value', () => {
    expect(usageErrorOf(['--db']).message).toBe("Option '--db <value>' argument missing");
  });

  it('rejects unknown options and stray arguments, naming them', () => {
    expect(usageErrorOf(['--memory', '--dbb', 'x']).message).toContain("'--dbb'");
    expect(usageErrorOf(['--memory', 'extra']).message).toContain("'extra'");
  });

  it('rejects an empty data folder or host', () => {
    expect(usageErrorOf(['--db', '']).message).toMatch(/--db needs a folder path/);
    expect(usageErrorOf(['--memory', '--host', '']).message).toMatch(/--host needs an address/);
  });

  it('gives usage errors a stable code', () => {
    expect(usageErrorOf([]).code).toBe('INVALID_ARGUMENTS');
  });
});
