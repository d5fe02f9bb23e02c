import type { ProfileWindowSummary } from './cpu-profile-summary';
import type { PhaseResult } from './phase-measurement';

export interface StartupFigures {
  storedEvents: number;
  logBytes: number;
  /** Spawn to the "listening" line: Node.js boot, TypeScript registration, log recovery, gRPC bind. */
  startupMs: number;
  /** The node's own figure: opening and recovering the log through binding the port. */
  nodeReportedStartupMs: number | undefined;
  rssAfterStartBytes: number;
  rssAfterReadAllBytes?: number;
  rssAfterSubscriptionBytes?: number;
  peakRssBytes?: number;
}

export interface TargetCheck {
  figure: string;
  measured: number;
  unit: string;
  comparison: 'at least' | 'at most';
  target: number;
  pass: boolean;
}

export interface PhaseProfile {
  phaseId: string;
  title: string;
  profileFile: string;
  summary: ProfileWindowSummary;
}

export interface BenchResults {
  mode: 'full' | 'quick';
  environment: { node: string; cpus: number; cpuModel: string; clockTicksPerSecond: number; dataFolderRoot: string };
  eventJsonBytes: number;
  phases: PhaseResult[];
  startup: { emptyLog: StartupFigures; storedLog: StartupFigures };
  targets: TargetCheck[];
  profiles?: PhaseProfile[];
  profileFolder?: string;
}

const MB = 1_000_000;

/** The brief's targets, checked against the figures that answer them. */
export function checkTargets(phases: PhaseResult[], storedLog: StartupFigures): TargetCheck[] {
  const phase = (id: string) => {
    const found = phases.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no phase '${id}' was measured`);
    return found;
  };
  const check = (figure: string, measured: number, unit: string, comparison: TargetCheck['comparison'], target: number): TargetCheck => ({
    figure,
    measured,
    unit,
    comparison,
    target,
    pass: comparison === 'at least' ? measured >= target : measured <= target,
  });
  const events = storedLog.storedEvents.toLocaleString('en-US');
  const checks = [
    check('Batched durable appends (100 events/call)', phase('batched').eventsPerSecond, 'events/s', 'at least', 30_000),
    check('Single-event appends, 50 concurrent callers', phase('concurrent').eventsPerSecond, 'appends/s', 'at least', 5_000),
    check('$all read through the client', phase('read-all').eventsPerSecond, 'events/s', 'at least', 35_000),
    check('Catch-up subscription through the client', phase('subscription').eventsPerSecond, 'events/s', 'at least', 35_000),
    check('Server CPU per event, $all read', phase('read-all').serverCpuUsPerEvent, 'µs', 'at most', 10),
    check('Server CPU per event, catch-up subscription', phase('subscription').serverCpuUsPerEvent, 'µs', 'at most', 10),
    check(`Start-up with ${events} events (spawn to listening)`, storedLog.startupMs / 1000, 's', 'at most', 5),
    check(`RSS after start with ${events} events`, storedLog.rssAfterStartBytes / MB, 'MB', 'at most', 500),
  ];
  if (storedLog.rssAfterReadAllBytes !== undefined) {
    checks.push(check(`RSS after a full $all read of ${events} events`, storedLog.rssAfterReadAllBytes / MB, 'MB', 'at most', 500));
  }
  return checks;
}

export function renderReport(results: BenchResults): string {
  const out: string[] = [];
  const { environment } = results;
  out.push(
    `Event store benchmark (${results.mode}) — Node ${environment.node}, ${environment.cpus} × ${environment.cpuModel}, ` +
      `data under ${environment.dataFolderRoot}, CLK_TCK ${environment.clockTicksPerSecond}, events of ~${results.eventJsonBytes} bytes of JSON`,
    'Every append is acknowledged only after fdatasync. Server CPU = utime+stime of the node process; client CPU = this process.',
    'Server read/write B/event = rchar/wchar of the node (/proc/<pid>/io: log file and socket syscalls together).',
    '',
  );
  out.push(
    renderTable(
      ['Phase', 'Events', 'Calls', 'Wall s', 'Events/s', 'Calls/s', 'p50 ms', 'p99 ms', 'Server CPU µs/event', 'Client CPU µs/event', 'Server CPU % core', 'Server read B/event', 'Server write B/event'],
      results.phases.map((phase) => [
        phase.title,
        integer(phase.events),
        integer(phase.calls),
        fixed(phase.wallMs / 1000, 2),
        integer(phase.eventsPerSecond),
        phase.calls > 1 ? integer(phase.callsPerSecond) : '',
        phase.latency ? fixed(phase.latency.p50Ms, 2) : '',
        phase.latency ? fixed(phase.latency.p99Ms, 2) : '',
        fixed(phase.serverCpuUsPerEvent, 1),
        fixed(phase.clientCpuUsPerEvent, 1),
        fixed((100 * phase.serverCpuMs) / phase.wallMs, 0),
        integer(phase.serverIo.readBytesPerEvent),
        integer(phase.serverIo.writtenBytesPerEvent),
      ]),
    ),
    '',
  );
  const startupRow = (label: string, figures: StartupFigures) => [
    label,
    integer(figures.storedEvents),
    `${fixed(figures.logBytes / MB, 1)} MB`,
    `${fixed(figures.startupMs / 1000, 2)} s`,
    figures.nodeReportedStartupMs === undefined ? '?' : `${fixed(figures.nodeReportedStartupMs / 1000, 2)} s`,
    `${fixed(figures.rssAfterStartBytes / MB, 0)} MB`,
    figures.rssAfterReadAllBytes === undefined ? '' : `${fixed(figures.rssAfterReadAllBytes / MB, 0)} MB`,
    figures.rssAfterSubscriptionBytes === undefined ? '' : `${fixed(figures.rssAfterSubscriptionBytes / MB, 0)} MB`,
    figures.peakRssBytes === undefined ? '' : `${fixed(figures.peakRssBytes / MB, 0)} MB`,
  ];
  out.push(
    renderTable(
      ['Start-up', 'Events', 'Log size', 'Spawn→listening', 'Node-reported', 'RSS after start', 'after readAll', 'after subscription', 'Peak RSS'],
      [startupRow('Empty log', results.startup.emptyLog), startupRow('Stored log, restarted', results.startup.storedLog)],
    ),
    '',
  );
  out.push(
    renderTable(
      ['Target', 'Measured', 'Target', 'Result'],
      results.targets.map((check) => [
        check.figure,
        `${formatMeasured(check.measured)} ${check.unit}`,
        `${check.comparison === 'at least' ? '>=' : '<='} ${integer(check.target)} ${check.unit}`,
        check.pass ? 'PASS' : 'MISS',
      ]),
    ),
  );
  if (results.profiles) {
    out.push('', `Server CPU profiles (kept in ${results.profileFolder}); figures above are slowed by the profiler.`);
    for (const profile of results.profiles) {
      const { summary } = profile;
      out.push(
        '',
        `Hottest server functions by self time — ${profile.title} (busy ${integer(summary.busyMs)} ms, idle ${integer(summary.idleMs)} ms):`,
        renderTable(
          ['Self ms', '% busy', 'Function', 'Location'],
          summary.hottest.map((hot) => [fixed(hot.selfMs, 0), fixed(hot.percentOfBusy, 1), hot.functionName, hot.location]),
        ),
        '',
        renderTable(
          ['Self ms', '% busy', 'Origin'],
          summary.byOrigin.map((origin) => [fixed(origin.selfMs, 0), fixed(origin.percentOfBusy, 1), origin.origin]),
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Left-aligns the first column, right-aligns numbers. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const isNumeric = headers.map((_, column) => column > 0 && rows.every((row) => /^[-\d.,\s]*(µs|MB|s|ms|%)?$/.test(row[column])));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (isNumeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function fixed(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatMeasured(value: number): string {
  return Math.abs(value) >= 100 ? integer(value) : fixed(value, 2);
}
