import { parseArgs } from 'node:util';

export const PROJECTION_BENCH_USAGE = `Usage: npm run bench:projections -- [--quick] [--events <n>] [--postgres <url>] [--keep <dir>] [--json] [--cpu-prof] ...

Fills a standalone event-store node (a child process, fresh folder under the temp dir) with a realistic, seeded
Kontakt history through @eventstore/db-client, then measures the read side on it:
  - the raw $all read through the client (the ceiling for any rebuild) and the engine's chunked read path, also with
    each chunk cloned as postMessage would hand it to a worker thread (what decoding in a worker would cost);
  - the rebuild of each projection of KONTAKT_PROJECTIONS on its own, and of all of them together
    (ProjectionEngine.start() on an empty store): events/s, seconds (reading, query indexes, swap), rows written,
    size, CPU of the node and of this process, RSS;
  - query latency (p50/p99/max ms) on the rebuilt data through a second read connection, as the API reads:
    timelines (first page, pages reached by following cursors, type filter, asOf, knownAt), status, graph.
SQLite always; PostgreSQL too with --postgres or READ_MODEL_URL (a database of its own, dropped after the run).

Options:
  --quick              50,000 events and fewer queries: a smoke run of a few minutes.
  --events <n>         Events in the history (default 1,000,000; quick 50,000). BENCH_EVENTS=<n> does the same.
  --postgres <url>     Also measure PostgreSQL (postgres://user@host:port/db; the user must be allowed to create
                       databases). READ_MODEL_URL=<url> does the same; the flag wins.
  --no-sqlite          Skip SQLite (with --postgres: PostgreSQL only).
  --projections <list> Comma-separated projection names to rebuild on their own (default: every one).
  --no-start           Skip building every projection together by start() (the queries then run on the store
                       of the first projection rebuilt, those kinds it can answer).
  --no-queries         Skip the queries.
  --queries <n>        Queries per kind (default 2,000; quick 300). Each kind also stops after --query-seconds.
  --query-seconds <s>  Time limit per query kind (default 30; quick 10).
  --seed <text>        Seed of the generated history (default kontakt-bench-1).
  --keep <dir>         Keep the event-store data in <dir>, and reuse it when it already holds the same history
                       (same --events and --seed): repeated runs skip the fill.
  --json               Print the results as one JSON document on stdout (use \`npm run --silent\`). Progress goes to
                       stderr.
  --cpu-prof           Profile this process (where projections run) during each rebuild and print where the time
                       goes by origin (client decode, projection code, Kysely, SQLite, JSON, GC). Profiling slows the
                       rebuild: use the figures of a run without it.
  --cpu-prof-dir <dir> Where to keep the .cpuprofile files (default: a new temporary folder, kept after the run).
  -h, --help           Show this help.
`;

export interface ProjectionBenchOptions {
  mode: 'full' | 'quick';
  events: number;
  seed: string;
  sqlite: boolean;
  postgresUrl: string | undefined;
  projections: string[] | undefined;
  /** Build every projection together by start() (and query that store). */
  startAll: boolean;
  runQueries: boolean;
  queries: number;
  querySeconds: number;
  keepDir: string | undefined;
  json: boolean;
  cpuProfile: { dir: string | undefined } | undefined;
  /** Append calls of the fill: events per call on cooperation streams, calls in flight. */
  fill: { batchSize: number; callers: number };
}

export type ProjectionBenchCommand = { kind: 'help' } | { kind: 'run'; options: ProjectionBenchOptions };

export class ProjectionBenchUsageError extends Error {
  override readonly name = 'ProjectionBenchUsageError';
}

/** Reads the command line and environment once; nothing else in the benchmark looks at either. */
export function parseProjectionBenchCommand(argv: readonly string[], env: NodeJS.ProcessEnv): ProjectionBenchCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        events: { type: 'string' },
        postgres: { type: 'string' },
        'no-sqlite': { type: 'boolean' },
        projections: { type: 'string' },
        'no-start': { type: 'boolean' },
        'no-queries': { type: 'boolean' },
        queries: { type: 'string' },
        'query-seconds': { type: 'string' },
        seed: { type: 'string' },
        keep: { type: 'string' },
        json: { type: 'boolean' },
        'cpu-prof': { type: 'boolean' },
        'cpu-prof-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ProjectionBenchUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };

  const mode = values.quick ? 'quick' : 'full';
  const eventsText = values.events ?? env.BENCH_EVENTS;
  const postgresText = values.postgres ?? env.READ_MODEL_URL;
  const postgresUrl = postgresText === undefined || postgresText.trim() === '' ? undefined : postgresText.trim();
  if (postgresUrl !== undefined && !/^postgres(ql)?:\/\//.test(postgresUrl)) throw new ProjectionBenchUsageError(`--postgres (or READ_MODEL_URL) must start with postgres://, got '${postgresUrl}'`);
  const sqlite = !values['no-sqlite'];
  if (!sqlite && postgresUrl === undefined) throw new ProjectionBenchUsageError('--no-sqlite leaves nothing to measure without --postgres');
  return {
    kind: 'run',
    options: {
      mode,
      events: eventsText === undefined || eventsText === '' ? (mode === 'quick' ? 50_000 : 1_000_000) : count('--events', eventsText, 1_000),
      seed: values.seed ?? 'kontakt-bench-1',
      sqlite,
      postgresUrl,
      projections: values.projections === undefined ? undefined : values.projections.split(',').map((name) => name.trim()).filter((name) => name !== ''),
      startAll: !values['no-start'],
      runQueries: !values['no-queries'],
      queries: values.queries === undefined ? (mode === 'quick' ? 300 : 2_000) : count('--queries', values.queries, 1),
      querySeconds: values['query-seconds'] === undefined ? (mode === 'quick' ? 10 : 30) : count('--query-seconds', values['query-seconds'], 1),
      keepDir: values.keep,
      json: values.json ?? false,
      cpuProfile: values['cpu-prof'] || values['cpu-prof-dir'] !== undefined ? { dir: values['cpu-prof-dir'] } : undefined,
      fill: { batchSize: 100, callers: 4 },
    },
  };
}

function count(flag: string, text: string, minimum: number): number {
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < minimum) throw new ProjectionBenchUsageError(`${flag} must be an integer of at least ${minimum.toLocaleString('en-US')}, got '${text}'`);
  return value;
}
