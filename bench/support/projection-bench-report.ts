import { fixed, integer, renderTable, type TargetCheck } from './bench-report';
import type { StoreLabel } from './bench-read-models';
import type { PhaseResult } from './phase-measurement';
import type { QueryResult } from './query-phases';
import { REBUILD_BATCH, type RebuildResult } from './rebuild-phases';

export interface DataSetFigures {
  events: number;
  seed: string;
  regions: number;
  organisations: number;
  people: number;
  fairs: number;
  cooperations: number;
  byType: Record<string, number>;
  logBytes: number;
  /** The log was filled by an earlier run (--keep): no fill figures. */
  reused: boolean;
}

export interface StoreFigures {
  store: StoreLabel;
  rebuilds: RebuildResult[];
  /** Measured on the store that holds every projection, through a second connection. */
  queries: QueryResult[];
}

export interface ProjectionBenchResults {
  mode: 'full' | 'quick';
  environment: { node: string; cpus: number; cpuModel: string; loadAverage: number[]; dataFolderRoot: string };
  dataSet: DataSetFigures;
  /** The fill, and the reads through the client that bound any rebuild. */
  phases: PhaseResult[];
  stores: StoreFigures[];
  targets: TargetCheck[];
  profileFolder?: string;
}

const MB = 1_000_000;
export const REBUILD_TARGET_EVENTS_PER_SECOND = 30_000;
export const QUERY_TARGET_P99_MS = 10;

/** The brief's targets: rebuilds on SQLite at 30,000 events/s or more, timeline and status p99 at 10 ms or less. */
export function checkProjectionTargets(stores: readonly StoreFigures[], events: number): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const check = (figure: string, measured: number, unit: string, comparison: TargetCheck['comparison'], target: number) =>
    checks.push({ figure, measured, unit, comparison, target, pass: comparison === 'at least' ? measured >= target : measured <= target });
  const at = `at ${integer(events)} events`;
  for (const store of stores) {
    if (store.store === 'SQLite') {
      for (const rebuild of store.rebuilds) check(`${rebuild.title}, ${at}`, rebuild.eventsPerSecond, 'events/s', 'at least', REBUILD_TARGET_EVENTS_PER_SECOND);
    }
    for (const query of store.queries) {
      if (query.group === 'graph') continue;
      // A query that failed has no p99: it misses the target.
      check(`${query.title} p99, ${store.store}`, query.failure ? Number.POSITIVE_INFINITY : query.p99Ms, 'ms', 'at most', QUERY_TARGET_P99_MS);
    }
  }
  return checks;
}

export function renderProjectionReport(results: ProjectionBenchResults): string {
  const out: string[] = [];
  const { environment, dataSet } = results;
  out.push(
    `Projection benchmark (${results.mode}) — Node ${environment.node}, ${environment.cpus} × ${environment.cpuModel}, load average ${environment.loadAverage.map((load) => load.toFixed(2)).join(' ')} at the start, data under ${environment.dataFolderRoot}`,
    `History: ${integer(dataSet.events)} events (seed ${dataSet.seed}${dataSet.reused ? ', log reused from --keep' : ''}): ${integer(dataSet.regions)} regions, ${integer(dataSet.organisations)} organisations, ` +
      `${integer(dataSet.people)} people, ${integer(dataSet.fairs)} fairs, ${integer(dataSet.cooperations)} cooperations; log ${fixed(dataSet.logBytes / MB, 0)} MB.`,
    'Server CPU = the event-store node (child process); client CPU = this process, where the client decodes and the projections run.',
    '',
    renderTable(
      ['Event type', 'Events', 'Share'],
      Object.entries(dataSet.byType)
        .sort((a, b) => b[1] - a[1])
        .map(([type, count]) => [type, integer(count), `${fixed((100 * count) / dataSet.events, 2)} %`]),
    ),
    '',
    renderTable(
      ['Phase', 'Events', 'Calls', 'Wall s', 'Events/s', 'Server CPU µs/event', 'Client CPU µs/event', 'Server CPU % core', 'Client CPU % core'],
      results.phases.map((phase) => [
        phase.title,
        integer(phase.events),
        integer(phase.calls),
        fixed(phase.wallMs / 1000, 2),
        integer(phase.eventsPerSecond),
        fixed(phase.serverCpuUsPerEvent, 1),
        fixed(phase.clientCpuUsPerEvent, 1),
        fixed((100 * phase.serverCpuMs) / phase.wallMs, 0),
        fixed((100 * phase.clientCpuMs) / phase.wallMs, 0),
      ]),
    ),
    '',
  );

  const rebuilds = results.stores.flatMap((store) => store.rebuilds);
  if (rebuilds.length > 0) {
    out.push(
      `Rebuilds from $all (${integer(REBUILD_BATCH)} events per transaction). Events/s = events of the history / wall time, so "start()" is the rate at which every projection gets built.`,
      'CPU µs/event is what one event of the history costs, whatever else the machine runs: 1,000,000 / (this process µs/event) is the rate one free core would allow.',
      renderTable(
        ['Rebuild', 'Events/s', 'Wall s', 'Reading s', 'Indexes s', 'Swap s', 'Rows written', 'Size MB', 'Node CPU µs/event', 'This process CPU µs/event', 'This process CPU % core', 'RSS before MB', 'Peak RSS MB'],
        rebuilds.map((rebuild) => [
          rebuild.title,
          integer(rebuild.eventsPerSecond),
          fixed(rebuild.wallMs / 1000, 1),
          rebuild.stepsMs ? fixed(rebuild.stepsMs.reading / 1000, 1) : '',
          rebuild.stepsMs ? fixed(rebuild.stepsMs.indexing / 1000, 1) : '',
          rebuild.stepsMs ? fixed(rebuild.stepsMs.swapping / 1000, 1) : '',
          integer(rebuild.totalRows),
          fixed(rebuild.sizeBytes / MB, 0),
          fixed((1000 * rebuild.serverCpuMs) / (rebuild.eventsPerSecond * (rebuild.wallMs / 1000)), 1),
          fixed((1000 * rebuild.clientCpuMs) / (rebuild.eventsPerSecond * (rebuild.wallMs / 1000)), 1),
          fixed((100 * rebuild.clientCpuMs) / rebuild.wallMs, 0),
          fixed(rebuild.rssBeforeBytes / MB, 0),
          fixed(rebuild.peakRssBytes / MB, 0),
        ]),
      ),
      '',
      renderTable(
        ['Store', 'Table', 'Rows'],
        results.stores.flatMap((store) => {
          const widest = store.rebuilds.reduce<RebuildResult | undefined>((best, rebuild) => (best === undefined || rebuild.projections.length > best.projections.length ? rebuild : best), undefined);
          return widest ? Object.entries(widest.rows).map(([table, rows]) => [store.store, table, integer(rows)]) : [];
        }),
      ),
      '',
    );
    const together = rebuilds.filter((rebuild) => rebuild.secondsByProjection !== undefined);
    for (const rebuild of together) {
      const passes = Object.entries(rebuild.secondsByProjection!);
      out.push(`${rebuild.title}: ${passes.map(([names, seconds]) => `${names} ${fixed(seconds, 1)} s`).join('; ')} (${passes.length === 1 ? 'one pass over $all for all of them' : 'one pass over $all each'}).`);
    }
    if (together.length > 0) out.push('');
  }

  for (const store of results.stores) {
    if (store.queries.length === 0) continue;
    out.push(
      `Queries on ${store.store}, one at a time, in a process of their own on a second read connection, as the API reads (ids at random; wall time per query, HTTP excluded):`,
      renderTable(
        ['Query', 'Samples', 'p50 ms', 'p99 ms', 'max ms', 'mean ms', 'Items/answer'],
        store.queries.map((query) =>
          query.failure
            ? [`${query.title} — FAILED: ${query.failure}`, '0', '', '', '', '', '']
            : [
                `${query.title}${query.stoppedByTime ? ' (time limit)' : ''}`,
                integer(query.samples),
                fixed(query.p50Ms, 2),
                fixed(query.p99Ms, 2),
                fixed(query.maxMs, 2),
                fixed(query.meanMs, 2),
                fixed(query.meanItems, 1),
              ],
        ),
      ),
      '',
    );
  }

  out.push(
    renderTable(
      ['Target', 'Measured', 'Target', 'Result'],
      results.targets.map((check) => [
        check.figure,
        Number.isFinite(check.measured) ? `${Math.abs(check.measured) >= 100 ? integer(check.measured) : fixed(check.measured, 2)} ${check.unit}` : 'failed',
        `${check.comparison === 'at least' ? '>=' : '<='} ${integer(check.target)} ${check.unit}`,
        check.pass ? 'PASS' : 'MISS',
      ]),
    ),
  );

  const profiled = rebuilds.filter((rebuild) => rebuild.profile);
  if (profiled.length > 0) out.push('', `CPU profiles of this process (kept in ${results.profileFolder}); the figures above are slowed by the profiler.`);
  for (const rebuild of profiled) {
    const profile = rebuild.profile!;
    out.push(
      '',
      `Where this process's time went — ${rebuild.title} (busy ${integer(profile.busyMs)} ms, idle ${integer(profile.idleMs)} ms; builtins and native calls charged to their caller):`,
      renderTable(
        ['Self ms', '% busy', 'Origin'],
        profile.byOrigin.filter((origin) => origin.percentOfBusy >= 0.5).map((origin) => [fixed(origin.selfMs, 0), fixed(origin.percentOfBusy, 1), origin.origin]),
      ),
      '',
      renderTable(
        ['Self ms', '% busy', 'Function', 'Location', 'Origin'],
        profile.hottest.map((hot) => [fixed(hot.selfMs, 0), fixed(hot.percentOfBusy, 1), hot.functionName, hot.location, hot.origin]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
