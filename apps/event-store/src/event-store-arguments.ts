import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, type EventStoreNodeOptions } from '@app/event-store-node';

export const USAGE = `Usage: npm run event-store -- (--db <folder> | --memory) [--port <port>] [--host <address>]

Runs a standalone EventStoreDB-compatible node (gRPC, insecure: no TLS, no authentication).

Options:
  --db <folder>      Folder holding the event log; created if missing.
  --memory           Keep everything in memory; nothing is written to disk.
  --port <port>      TCP port to listen on, 0 for any free port (default ${DEFAULT_PORT}).
  --host <address>   Interface to listen on (default ${DEFAULT_HOST}, loopback only).
  -h, --help         Show this help.

Once listening, prints one JSON line to stdout: {"msg":"listening","connectionString":"esdb://...","port":...}.
Logs go to stderr as JSON lines. SIGINT or SIGTERM stops the node gracefully.
`;

/** The command line was wrong; the message names the argument at fault. */
export class UsageError extends Error {
  readonly code = 'INVALID_ARGUMENTS';
  override readonly name = 'UsageError';
}

export type EventStoreCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: Required<Pick<EventStoreNodeOptions, 'host' | 'port' | 'memory'>> & Pick<EventStoreNodeOptions, 'dataDir'> };

export function parseEventStoreArguments(argv: readonly string[]): EventStoreCommand {
  const { values } = parseStrictly(argv);
  if (values.help) return { kind: 'help' };

  if (values.memory && values.db !== undefined) throw new UsageError('--db and --memory exclude each other: choose one');
  if (!values.memory && values.db === undefined) throw new UsageError('--db <folder> is required (or --memory to keep nothing on disk)');
  if (values.db !== undefined && values.db.trim() === '') throw new UsageError('--db needs a folder path, got an empty string');

  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host needs an address, got an empty string');

  return {
    kind: 'run',
    options: {
      ...(values.db !== undefined ? { dataDir: values.db } : {}),
      memory: values.memory ?? false,
      host,
      port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
    },
  };
}

function parseStrictly(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        memory: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  // Not `instanceof Error`: under Jest, errors thrown by Node's own modules come from another realm.
  const { message } = error as { message?: unknown };
  if (typeof message !== 'string') return String(error);
  // Node's messages sometimes go on with advice about '--' and positionals that does not apply here; keep the first sentence.
  return message.split(/\.\s/)[0].replace(/\.$/, '');
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be an integer from 0 to 65535, got '${text}'`);
  return port;
}
