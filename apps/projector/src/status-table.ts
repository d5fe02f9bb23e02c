import { formatTable, oneLine } from '@app/terminal';
import type { ProjectionReport } from './projection-report';

const HEADERS = ['PROJECTION', 'STATE', 'CHECKPOINT', 'EVENTS APPLIED', 'LAG EVENTS', 'LAG SECONDS', 'OWNER', 'LAST ERROR'];

/** The reports as an aligned text table, one projection per line. */
export function formatStatusTable(reports: readonly ProjectionReport[]): string {
  const rows = reports.map((report) => [
    report.name,
    report.state,
    report.checkpoint ? `${report.checkpoint.commit}/${report.checkpoint.prepare}` : '-',
    report.eventsApplied.toLocaleString('en-US'),
    `${report.lag.events.toLocaleString('en-US')}${report.lag.eventsCapped ? '+' : ''}`,
    report.lag.seconds.toFixed(1),
    report.owner ?? '-',
    report.lastError ? `${report.lastError.at} ${oneLine(report.lastError.message, 120)}` : '-',
  ]);
  return formatTable(HEADERS, rows);
}
