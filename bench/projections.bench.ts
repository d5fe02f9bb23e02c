// Rebuild throughput and query latency of the read side (libs/projections) on a realistic Kontakt history, stored in
// the standalone event-store node and read through @eventstore/db-client. `npm run bench:projections -- --help`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { KONTAKT_PROJECTIONS, type ProjectionDefinition } from '@app/projections';
import { postgresReadModels, sqliteReadModels, type BenchReadModel, type BenchReadModelKind } from './support/bench-read-models';
import { EventStoreProcess, killRunningEventStores, type StartedEventStore } from './support/event-store-process';
import { fillKontaktHistory } from './support/kontakt-fill';
import { buildKontaktWorld, type KontaktWorld } from './support/kontakt-world';
import { measurePhase, type PhaseResult } from './support/phase-measurement';
import { PROJECTION_BENCH_USAGE, ProjectionBenchUsageError, parseProjectionBenchCommand, type ProjectionBenchOptions } from './support/projection-bench-options';
import { checkProjectionTargets, renderProjectionReport, type DataSetFigures, type ProjectionBenchResults, type StoreFigures } from './support/projection-bench-report';
import type { QueryResult } from './support/query-phases';
import { runQueriesApart } from './support/query-runner';
import { readAllEvents } from './support/read-phases';
import { measureRebuild, readAllAsRebuild, type RebuildContext } from './support/rebuild-phases';
import { folderBytes, makeKeptFolder, makeScratchFolder, removeScratchFolders } from './support/scratch-folders';

/** Written into a --keep folder once its fill completed: which history it holds. */
const HISTORY_MARKER = 'kontakt-bench-history.json';

interface StoredHistory {
  events: number;
  seed: string;
  byType: Record<string, number>;
}

async function runBenchmark(options: ProjectionBenchOptions): Promise<ProjectionBenchResults> {
  const loadAverage = os.loadavg();
  const world = buildKontaktWorld(options.events, options.seed);
  const definitions = selectedDefinitions(options.projections);
  const profileDir = options.cpuProfile ? prepareProfileFolder(options.cpuProfile.dir) : undefined;
  const phases: PhaseResult[] = [];
  const measured = (phase: PhaseResult) => {
    phases.push(phase);
    progress(`${phase.title}: ${Math.round(phase.eventsPerSecond).toLocaleString('en-US')} events/s in ${(phase.wallMs / 1000).toFixed(1)} s`);
  };

  const logFolder = options.keepDir ? path.resolve(options.keepDir) : makeScratchFolder('projections-log');
  let stored = storedHistoryIn(logFolder, options);
  if (stored === undefined) {
    progress(`fill: ${options.events.toLocaleString('en-US')} events (${world.cooperations.length.toLocaleString('en-US')} cooperations, ${world.people.length.toLocaleString('en-US')} people) into ${logFolder}`);
    const filling = await EventStoreProcess.start({ dataDir: logFolder });
    let byType: Record<string, number> = {};
    await withClient(filling, async (client) => {
      measured(
        await measurePhase(filling.node, 'fill', `Fill, ${options.fill.batchSize} events/call on cooperation streams, ${options.fill.callers} callers`, async () => {
          const filled = await fillKontaktHistory(client, world, options.fill, progress);
          byType = filled.byType;
          return filled;
        }),
      );
    });
    await filling.node.stop();
    stored = { events: options.events, seed: options.seed, byType };
    fs.writeFileSync(path.join(logFolder, HISTORY_MARKER), JSON.stringify(stored, null, 2));
  } else {
    progress(`reusing the history in ${logFolder}`);
  }

  // As the API finds it: a node started on a stored log, projections built from it.
  progress('restarting the node on the stored log');
  const reading = await EventStoreProcess.start({ dataDir: logFolder });
  const stores: StoreFigures[] = [];
  await withClient(reading, async (client) => {
    const { node } = reading;
    const raw = await measurePhase(node, 'read-all', '$all read through the client, one readAll() (the ceiling)', () => readAllEvents(client));
    measured(raw);
    const chunked = await measurePhase(node, 'read-as-rebuild', '$all read as a rebuild reads it (readAllChunk × 5,000 → ProjectedEvent), nothing applied', () => readAllAsRebuild(client));
    measured(chunked);
    if (chunked.events !== options.events) throw new Error(`$all holds ${chunked.events} Kontakt events, ${options.events} were written`);
    measured(await measurePhase(node, 'read-handed-over', '$all read as a rebuild reads it, each chunk also cloned as postMessage would hand it to another thread', () => readAllAsRebuild(client, { handOver: true })));
    const context: RebuildContext = { client, node, projectedEvents: chunked.events, ...(profileDir ? { profileDir } : {}), progress };
    for (const kind of readModelKinds(options)) stores.push(await measureStore(context, kind, definitions, world, options));
  });
  await reading.node.stop();

  const dataSet: DataSetFigures = {
    events: options.events,
    seed: options.seed,
    regions: world.regions.length,
    organisations: world.organisations.length,
    people: world.people.length,
    fairs: world.fairs.length,
    cooperations: world.cooperations.length,
    byType: stored.byType,
    logBytes: folderBytes(logFolder),
    reused: phases.every((phase) => phase.id !== 'fill'),
  };
  return {
    mode: options.mode,
    environment: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU', loadAverage, dataFolderRoot: os.tmpdir() },
    dataSet,
    phases,
    stores,
    targets: checkProjectionTargets(stores, options.events),
    ...(profileDir ? { profileFolder: profileDir } : {}),
  };
}

/**
 * Each selected projection rebuilt on its own, then every projection by start() on an empty store (skipped when
 * there is only one: the same work), then the queries on the store that holds them all; with --no-start, the queries
 * its projection answers on the store of the first one rebuilt.
 */
async function measureStore(context: RebuildContext, kind: BenchReadModelKind, definitions: readonly ProjectionDefinition[], world: KontaktWorld, options: ProjectionBenchOptions): Promise<StoreFigures> {
  const figures: StoreFigures = { store: kind.label, rebuilds: [], queries: [] };
  const together = KONTAKT_PROJECTIONS.length > 1;
  let complete: BenchReadModel | undefined;
  // The projections `complete` holds: every one after start(); without it, the first one rebuilt alone.
  let built: string[] = KONTAKT_PROJECTIONS.map((definition) => definition.name);
  const startAll = options.startAll && together;
  try {
    for (const definition of definitions) {
      progress(`rebuilding ${definition.name} on ${kind.label}`);
      const readModel = await kind.create(definition.name);
      const keep = !startAll && options.runQueries && complete === undefined;
      try {
        figures.rebuilds.push(await measureRebuild(context, readModel, [definition], `rebuild-${definition.name}-${kind.label.toLowerCase()}`));
      } finally {
        if (keep) {
          complete = readModel;
          built = [definition.name];
        } else await readModel.drop();
      }
    }
    if (startAll || (options.startAll && complete === undefined)) {
      progress(`start(): building ${KONTAKT_PROJECTIONS.map((definition) => definition.name).join(', ')} on ${kind.label}`);
      complete = await kind.create('all');
      figures.rebuilds.push(await measureRebuild(context, complete, KONTAKT_PROJECTIONS, `start-all-${kind.label.toLowerCase()}`));
    }
    if (options.runQueries && complete) figures.queries = await queriesOn(complete, built, world, options);
  } finally {
    await complete?.drop();
  }
  return figures;
}

async function queriesOn(complete: BenchReadModel, built: readonly string[], world: KontaktWorld, options: ProjectionBenchOptions): Promise<QueryResult[]> {
  progress(`queries on ${complete.label}: ${options.queries.toLocaleString('en-US')} per kind, at most ${options.querySeconds} s each, in a process of their own`);
  return runQueriesApart(
    {
      target: complete.target,
      events: options.events,
      seed: world.seed,
      plan: { queries: options.queries, seconds: options.querySeconds },
      built,
    },
    progress,
  );
}

function selectedDefinitions(names: string[] | undefined): ProjectionDefinition[] {
  if (names === undefined) return [...KONTAKT_PROJECTIONS];
  return names.map((name) => {
    const definition = KONTAKT_PROJECTIONS.find((candidate) => candidate.name === name);
    if (!definition) throw new ProjectionBenchUsageError(`no projection '${name}' (KONTAKT_PROJECTIONS: ${KONTAKT_PROJECTIONS.map((known) => known.name).join(', ')})`);
    return definition;
  });
}

function readModelKinds(options: ProjectionBenchOptions): BenchReadModelKind[] {
  return [...(options.sqlite ? [sqliteReadModels()] : []), ...(options.postgresUrl ? [postgresReadModels(options.postgresUrl)] : [])];
}

/** The history a --keep folder holds, if it is the one asked for; refuses a folder holding something else. */
function storedHistoryIn(folder: string, options: ProjectionBenchOptions): StoredHistory | undefined {
  if (!options.keepDir) return undefined;
  fs.mkdirSync(folder, { recursive: true });
  const markerFile = path.join(folder, HISTORY_MARKER);
  if (!fs.existsSync(markerFile)) {
    if (fs.readdirSync(folder).length > 0) throw new ProjectionBenchUsageError(`--keep ${folder} is not empty and holds no completed fill: remove it or name another folder`);
    return undefined;
  }
  const stored = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as StoredHistory;
  if (stored.events !== options.events || stored.seed !== options.seed) {
    throw new ProjectionBenchUsageError(`--keep ${folder} holds ${stored.events} events of seed ${stored.seed}, not ${options.events} of ${options.seed}: remove it or name another folder`);
  }
  return stored;
}

async function withClient(started: StartedEventStore, use: (client: EventStoreDBClient) => Promise<void>): Promise<void> {
  const client = EventStoreDBClient.connectionString(started.connectionString);
  try {
    await use(client);
  } finally {
    await client.dispose();
  }
}

function prepareProfileFolder(requested: string | undefined): string {
  if (!requested) return makeKeptFolder('projection-profiles');
  const folder = path.resolve(requested);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function cleanUp(): void {
  killRunningEventStores();
  removeScratchFolders();
}

async function main(): Promise<void> {
  let options: ProjectionBenchOptions;
  try {
    const command = parseProjectionBenchCommand(process.argv.slice(2), process.env);
    if (command.kind === 'help') {
      process.stdout.write(PROJECTION_BENCH_USAGE);
      return;
    }
    options = command.options;
    selectedDefinitions(options.projections);
  } catch (error) {
    if (!(error instanceof ProjectionBenchUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${PROJECTION_BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const results = await runBenchmark(options);
  progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(options.json ? `${JSON.stringify(results, null, 2)}\n` : renderProjectionReport(results));
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanUp);
