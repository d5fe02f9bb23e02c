// Throughput, latency, CPU and memory of the standalone event-store node, measured through @eventstore/db-client.
// `npm run bench:event-store -- --help` for options; `--quick` for a smoke run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { concurrentBatchedAppends, concurrentSingleAppends, sequentialBatchedAppends, sequentialSingleAppends } from './support/append-phases';
import { BENCH_USAGE, BenchOptions, BenchUsageError, parseBenchCommand } from './support/bench-options';
import { BenchResults, checkTargets, PhaseProfile, renderReport, StartupFigures } from './support/bench-report';
import { summariseProfileWindow } from './support/cpu-profile-summary';
import { EventStoreProcess, killRunningEventStores, StartedEventStore } from './support/event-store-process';
import { measurePhase, PhaseResult } from './support/phase-measurement';
import { clockTicksPerSecond } from './support/process-stats';
import { catchUpSubscription, readAllEvents } from './support/read-phases';
import { jsonBytesOf, meetingHeld } from './support/sample-events';
import { folderBytes, makeKeptFolder, makeScratchFolder, removeScratchFolders } from './support/scratch-folders';

const BATCHED_PHASE_STREAMS = 100;
/** Context for the batched target: with a few callers in flight, client and node CPU overlap on separate cores. */
const OVERLAPPED_BATCH_CALLERS = 4;

/** A phase to cut out of a node's CPU profile once that node has exited and written it. */
interface ProfiledWindow {
  phaseId: string;
  title: string;
  profileName: string;
  window: { startUs: number; endUs: number };
}

async function runBenchmark(options: BenchOptions): Promise<BenchResults> {
  const { workload } = options;
  const profileFolder = options.cpuProfile ? prepareProfileFolder(options.cpuProfile.dir) : undefined;
  const profileAs = (name: string) => (profileFolder ? { dir: profileFolder, name: `${name}.cpuprofile` } : undefined);
  const phases: PhaseResult[] = [];
  const profiled: ProfiledWindow[] = [];
  const measured = (profileName: string, phase: PhaseResult) => {
    phases.push(phase);
    profiled.push({ phaseId: phase.id, title: phase.title, profileName, window: phase.window });
    progress(`${phase.title}: ${Math.round(phase.eventsPerSecond).toLocaleString('en-US')} events/s`);
  };

  progress('appends: starting a node on an empty log');
  const appendFolder = makeScratchFolder('appends');
  const appending = await EventStoreProcess.start({ dataDir: appendFolder, cpuProfile: profileAs('appends') });
  const emptyLog: StartupFigures = { ...startupFiguresOf(appending, 0, folderBytes(appendFolder)) };
  await withClient(appending, async (client) => {
    await sequentialSingleAppends(client, workload.warmUpAppends, 'warm-up');
    await sequentialBatchedAppends(client, { events: 10 * workload.batchSize, batchSize: workload.batchSize, streams: 1, streamPrefix: 'warm-up-batch' });
    const { node } = appending;
    measured(
      'appends',
      await measurePhase(node, 'single', 'Sequential appends, 1 event/call', () => sequentialSingleAppends(client, workload.singleAppends, 'single')),
    );
    measured(
      'appends',
      await measurePhase(node, 'batched', `Sequential appends, ${workload.batchSize} events/call`, () =>
        sequentialBatchedAppends(client, {
          events: workload.batchedCalls * workload.batchSize,
          batchSize: workload.batchSize,
          streams: BATCHED_PHASE_STREAMS,
          streamPrefix: 'batched',
        }),
      ),
    );
    measured(
      'appends',
      await measurePhase(node, 'concurrent', `${workload.concurrentCallers} concurrent callers, 1 event/call`, () =>
        concurrentSingleAppends(client, workload.concurrentAppends, workload.concurrentCallers, 'concurrent'),
      ),
    );
    // Half the batched phase's events: this node then stays below 100,000 appended events, where the node's cache of
    // recent event ids starts evicting (the fill phase below measures appends past that point).
    measured(
      'appends',
      await measurePhase(node, 'batched-overlapped', `${workload.batchSize} events/call, ${OVERLAPPED_BATCH_CALLERS} concurrent callers (context)`, () =>
        concurrentBatchedAppends(client, {
          events: (workload.batchedCalls * workload.batchSize) / 2,
          batchSize: workload.batchSize,
          streams: BATCHED_PHASE_STREAMS,
          streamPrefix: 'batched-overlapped',
          callers: OVERLAPPED_BATCH_CALLERS,
        }),
      ),
    );
  });
  await appending.node.stop();

  const fillCalls = Math.ceil(workload.storedEvents / workload.fillBatchSize);
  const fillStreams = Math.min(workload.fillStreams, fillCalls);
  progress(`fill: ${workload.storedEvents.toLocaleString('en-US')} events in ${fillCalls.toLocaleString('en-US')} calls over ${fillStreams.toLocaleString('en-US')} streams`);
  const storedFolder = makeScratchFolder('stored');
  const filling = await EventStoreProcess.start({ dataDir: storedFolder, cpuProfile: profileAs('fill') });
  await withClient(filling, async (client) => {
    measured(
      'fill',
      await measurePhase(filling.node, 'fill', `Fill, ${workload.fillBatchSize} events/call, ${fillStreams.toLocaleString('en-US')} streams`, () =>
        sequentialBatchedAppends(client, { events: workload.storedEvents, batchSize: workload.fillBatchSize, streams: fillStreams, streamPrefix: 'cooperation' }),
      ),
    );
  });
  await filling.node.stop();

  progress('reads: restarting the node on the stored log');
  const reading = await EventStoreProcess.start({ dataDir: storedFolder, cpuProfile: profileAs('reads') });
  const storedLog = startupFiguresOf(reading, workload.storedEvents, folderBytes(storedFolder));
  profiled.push({
    phaseId: 'start-up',
    title: `Start-up with ${workload.storedEvents.toLocaleString('en-US')} events`,
    profileName: 'reads',
    window: { startUs: reading.node.spawnedAtUs, endUs: reading.listeningAtUs },
  });
  await withClient(reading, async (client) => {
    const { node } = reading;
    const readAll = await measurePhase(node, 'read-all', '$all read, one readAll()', () => readAllEvents(client));
    if (readAll.events !== workload.storedEvents) {
      throw new Error(`readAll returned ${readAll.events} events, ${workload.storedEvents} were stored`);
    }
    measured('reads', readAll);
    storedLog.rssAfterReadAllBytes = node.memory().rssBytes;
    measured('reads', await measurePhase(node, 'subscription', 'Catch-up subscription to $all', () => catchUpSubscription(client, readAll.events)));
    const memory = node.memory();
    storedLog.rssAfterSubscriptionBytes = memory.rssBytes;
    storedLog.peakRssBytes = memory.peakRssBytes;
  });
  await reading.node.stop();

  return {
    mode: options.mode,
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      clockTicksPerSecond: clockTicksPerSecond(),
      dataFolderRoot: os.tmpdir(),
    },
    eventJsonBytes: jsonBytesOf(meetingHeld(123_456)),
    phases,
    startup: { emptyLog, storedLog },
    targets: checkTargets(phases, storedLog),
    ...(profileFolder ? { profiles: summariseProfiles(profileFolder, profiled), profileFolder } : {}),
  };
}

function startupFiguresOf(started: StartedEventStore, storedEvents: number, logBytes: number): StartupFigures {
  return {
    storedEvents,
    logBytes,
    startupMs: started.startupMs,
    nodeReportedStartupMs: started.node.nodeReportedStartupMs,
    rssAfterStartBytes: started.node.memory().rssBytes,
  };
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
  if (!requested) return makeKeptFolder('profiles');
  const folder = path.resolve(requested);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

function summariseProfiles(folder: string, windows: ProfiledWindow[]): PhaseProfile[] {
  return windows.map(({ phaseId, title, profileName, window }) => {
    const profileFile = path.join(folder, `${profileName}.cpuprofile`);
    return { phaseId, title, profileFile, summary: summariseProfileWindow(profileFile, window) };
  });
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function cleanUp(): void {
  killRunningEventStores();
  removeScratchFolders();
}

async function main(): Promise<void> {
  let command;
  try {
    command = parseBenchCommand(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  const started = Date.now();
  const results = await runBenchmark(command.options);
  progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(command.options.json ? `${JSON.stringify(results, null, 2)}\n` : renderReport(results));
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
