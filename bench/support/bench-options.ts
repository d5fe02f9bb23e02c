import { parseArgs } from 'node:util';

export const BENCH_USAGE = `Usage: npm run bench:event-store -- [--quick] [--events <n>] [--json] [--cpu-prof] [--cpu-prof-dir <dir>]

Starts the standalone event-store node as a child process on a fresh temporary data folder and measures it through
@eventstore/db-client only: durable appends (single, batched, concurrent), $all reads, catch-up subscriptions,
server and client CPU per event, start-up time and memory with many events stored.

Options:
  --quick              Small counts, for a smoke run in well under a minute.
  --events <n>         Events stored for the read, subscription and restart phases (default 1,000,000, quick 50,000).
                       BENCH_EVENTS=<n> in the environment does the same; the flag wins.
  --json               Print the results as one JSON document on stdout instead of tables (use \`npm run --silent\`
                       so npm's own header stays out of stdout). Progress always goes to stderr.
  --cpu-prof           Run the node under V8's CPU profiler and print its hottest functions (self time) per phase.
                       Profiling slows the node: use the figures of a run without it.
  --cpu-prof-dir <dir> Where to keep the .cpuprofile files (default: a new temporary folder, kept after the run).
  -h, --help           Show this help.
`;

/** How many operations each phase performs. */
export interface BenchWorkload {
  singleAppends: number;
  batchedCalls: number;
  batchSize: number;
  concurrentAppends: number;
  concurrentCallers: number;
  storedEvents: number;
  fillBatchSize: number;
  fillStreams: number;
  warmUpAppends: number;
}

export interface BenchOptions {
  mode: 'full' | 'quick';
  workload: BenchWorkload;
  json: boolean;
  cpuProfile: { dir: string | undefined } | undefined;
}

export type BenchCommand = { kind: 'help' } | { kind: 'run'; options: BenchOptions };

/** The brief's figures: ~10 minutes on 2 cores. */
const FULL_WORKLOAD: BenchWorkload = {
  singleAppends: 3_000,
  batchedCalls: 500,
  batchSize: 100,
  concurrentAppends: 20_000,
  concurrentCallers: 50,
  storedEvents: 1_000_000,
  fillBatchSize: 500,
  fillStreams: 10_000,
  warmUpAppends: 200,
};

const QUICK_WORKLOAD: BenchWorkload = {
  singleAppends: 300,
  batchedCalls: 100,
  batchSize: 100,
  concurrentAppends: 2_000,
  concurrentCallers: 50,
  storedEvents: 50_000,
  fillBatchSize: 500,
  fillStreams: 10_000,
  warmUpAppends: 50,
};

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/** Reads the command line and environment once; nothing else in the benchmark looks at either. */
export function parseBenchCommand(argv: readonly string[], env: NodeJS.ProcessEnv): BenchCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        events: { type: 'string' },
        json: { type: 'boolean' },
        'cpu-prof': { type: 'boolean' },
        'cpu-prof-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };

  const mode = values.quick ? 'quick' : 'full';
  const workload = { ...(mode === 'quick' ? QUICK_WORKLOAD : FULL_WORKLOAD) };
  const events = values.events ?? env.BENCH_EVENTS;
  if (events !== undefined && events !== '') workload.storedEvents = parseEventCount(events);
  return {
    kind: 'run',
    options: {
      mode,
      workload,
      json: values.json ?? false,
      cpuProfile: values['cpu-prof'] || values['cpu-prof-dir'] !== undefined ? { dir: values['cpu-prof-dir'] } : undefined,
    },
  };
}

function parseEventCount(text: string): number {
  const count = Number(text.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(count) || count < 1_000) {
    throw new BenchUsageError(`--events (or BENCH_EVENTS) must be an integer of at least 1000, got '${text}'`);
  }
  return count;
}
