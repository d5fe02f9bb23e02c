// The embedded node against PostgreSQL used as an event store, side by side in one run, with the same durability
// (every acknowledged append on disk) and the same events: durable appends and reads, and the ratio of the two.
// `npm run bench:event-stores -- --help` for options.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EventStoreDBClient } from '@eventstore/db-client';
import { integer, renderTable } from './support/bench-report';
import { concurrentSingles, measureCompared, readEverything, sequentialBatches, sequentialSingles, type ComparedPhase, type ComparedResult } from './support/compared-phases';
import { embeddedNodeStore, postgresStore, type ComparedStore } from './support/compared-stores';
import { EventStoreProcess, killRunningEventStores } from './support/event-store-process';
import { withPostgresClient } from './support/postgres-client';
import { PostgresEventStore } from './support/postgres-event-store';
import { makeScratchFolder, removeScratchFolders } from './support/scratch-folders';

const USAGE = `Usage: npm run bench:event-stores -- [--quick] [--postgres <url>] [--json]

Runs the same workload against two event stores, phase by phase, alternating between them:
  - the embedded node (apps/event-store as a child process), through @eventstore/db-client;
  - PostgreSQL used as an event store: one events table (global position, unique stream + revision, JSONB payloads),
    one statement per append, fsync and synchronous_commit on (checked; the run refuses a server without them).
Phases: durable appends 1 event/call (latency), 64 concurrent callers (group commit), 100 events/call, then reading
the whole log forwards. Prints events/s, latency, the whole machine's CPU per event, and embedded ÷ PostgreSQL.

Options:
  --quick           Small counts, for a smoke run (about half a minute).
  --postgres <url>  The PostgreSQL server to use (a fresh database is created on it and dropped afterwards). Default:
                    BENCH_POSTGRES_URL, else READ_MODEL_URL, else a throwaway server started with
                    scripts/test-postgres.sh (installs Debian's postgresql if missing).
  --json            Print the results as JSON on stdout (progress stays on stderr).
  -h, --help        Show this help.
`;

const REPO_ROOT = path.resolve(__dirname, '..');

interface Workload {
  singles: number;
  concurrent: number;
  callers: number;
  batched: number;
  batchSize: number;
}

const WORKLOADS: Record<'full' | 'quick', Workload> = {
  full: { singles: 2_000, concurrent: 20_000, callers: 64, batched: 100_000, batchSize: 100 },
  quick: { singles: 300, concurrent: 3_000, callers: 64, batched: 10_000, batchSize: 100 },
};

interface PhaseComparison {
  id: string;
  title: string;
  embedded: ComparedResult;
  postgres: ComparedResult;
  /** Embedded events/s ÷ PostgreSQL events/s: above 1, the embedded node is faster. */
  ratio: number;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): { help: true } | { help: false; workload: Workload; mode: string; postgresUrl?: string; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { quick: { type: 'boolean' }, postgres: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  const postgresUrl = values.postgres ?? process.env.BENCH_POSTGRES_URL ?? process.env.READ_MODEL_URL;
  if (postgresUrl !== undefined && !/^postgres(ql)?:\/\//.test(postgresUrl)) throw new UsageError(`--postgres must be a postgres:// URL, got '${postgresUrl}'`);
  const mode = values.quick ? 'quick' : 'full';
  return { help: false, workload: WORKLOADS[mode], mode, postgresUrl, json: values.json ?? false };
}

/** A PostgreSQL server: the one named, or a throwaway one for this run (stopped again by `stop`). */
function postgresServer(url: string | undefined): { url: string; stop(): void } {
  if (url !== undefined) return { url, stop: () => undefined };
  progress('starting a throwaway PostgreSQL (scripts/test-postgres.sh)');
  const script = path.join(REPO_ROOT, 'scripts', 'test-postgres.sh');
  const printed = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (key: string) => printed.match(new RegExp(`^${key}=(.+)$`, 'm'))?.[1];
  const started = value('READ_MODEL_URL');
  const dir = value('KONTAKT_TEST_PG_DIR');
  if (!started || !dir) throw new Error(`scripts/test-postgres.sh printed no server:\n${printed}`);
  return { url: started, stop: () => execFileSync('bash', [script, 'stop', dir], { stdio: 'inherit' }) };
}

async function compare(workload: Workload, postgresUrl: string): Promise<PhaseComparison[]> {
  progress('starting the embedded node on an empty log');
  const node = await EventStoreProcess.start({ dataDir: makeScratchFolder('compared-node') });
  const client = EventStoreDBClient.connectionString(node.connectionString);
  const postgres = await PostgresEventStore.create(postgresUrl, workload.callers);
  const stores: [ComparedStore, ComparedStore] = [embeddedNodeStore(client), postgresStore(postgres)];
  try {
    progress('warming up both');
    for (const store of stores) await sequentialSingles(200).run(store, 'warm-up');

    const phases: ComparedPhase[] = [
      sequentialSingles(workload.singles),
      concurrentSingles(workload.concurrent, workload.callers),
      sequentialBatches(workload.batched, workload.batchSize),
      readEverything(),
    ];
    const comparisons: PhaseComparison[] = [];
    for (const phase of phases) {
      const [embedded, postgresResult] = [await measureCompared(phase, stores[0], phase.id), await measureCompared(phase, stores[1], phase.id)];
      if (embedded.events !== postgresResult.events) throw new Error(`${phase.title}: the stores did different work (${embedded.events} vs ${postgresResult.events} events)`);
      const comparison = { id: phase.id, title: phase.title, embedded, postgres: postgresResult, ratio: embedded.eventsPerSecond / postgresResult.eventsPerSecond };
      progress(`${phase.title}: embedded ${integer(embedded.eventsPerSecond)} events/s, PostgreSQL ${integer(postgresResult.eventsPerSecond)} events/s (×${comparison.ratio.toFixed(2)})`);
      comparisons.push(comparison);
    }
    return comparisons;
  } finally {
    await client.dispose();
    await node.node.stop();
    await postgres.drop();
  }
}

function render(comparisons: PhaseComparison[], mode: string, postgresVersion: string): string {
  const latency = (result: ComparedResult) => (result.latency ? `${result.latency.p50Ms.toFixed(2)} / ${result.latency.p99Ms.toFixed(2)}` : '–');
  const rows = comparisons.map((c) => [
    c.title,
    integer(c.embedded.eventsPerSecond),
    integer(c.postgres.eventsPerSecond),
    `${c.ratio.toFixed(2)}×`,
    latency(c.embedded),
    latency(c.postgres),
    `${c.embedded.machineCpuUsPerEvent.toFixed(0)} / ${c.postgres.machineCpuUsPerEvent.toFixed(0)}`,
  ]);
  return [
    `Embedded node vs PostgreSQL as an event store (${mode} run, ${new Date().toISOString().slice(0, 10)}; ${postgresVersion}; both durable: fsync per acknowledged append)`,
    '',
    renderTable(['Phase', 'Embedded events/s', 'PostgreSQL events/s', 'Embedded ÷ PG', 'Embedded p50 / p99 ms', 'PG p50 / p99 ms', 'Machine CPU µs/event (emb / PG)'], rows),
  ].join('\n');
}

function progress(message: string): void {
  process.stderr.write(`[bench:event-stores] ${message}\n`);
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const server = postgresServer(options.postgresUrl);
  try {
    const version = await serverVersion(server.url);
    const comparisons = await compare(options.workload, server.url);
    process.stdout.write(options.json ? `${JSON.stringify({ mode: options.mode, postgres: version, comparisons }, null, 2)}\n` : `${render(comparisons, options.mode, version)}\n`);
    return 0;
  } finally {
    server.stop();
    removeScratchFolders();
  }
}

async function serverVersion(url: string): Promise<string> {
  const { rows } = await withPostgresClient(url, (client) => client.query<{ server_version: string }>('SHOW server_version'));
  return `PostgreSQL ${rows[0].server_version.split(' ')[0]}`;
}

process.on('exit', killRunningEventStores);
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:event-stores failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    killRunningEventStores();
    process.exit(1);
  },
);
