import type { ProjectionReport } from './projection-report';

const HEADERS = ['PROJECTION', 'STATE', 'CHECKPOINT', 'EVENTS APPLIED', 'LAG EVENTS', 'LAG SECONDS', 'LAST ERROR'];

/** The reports as an aligned text table, one projection per line. */
export function formatStatusTable(reports: readonly ProjectionReport[]): string {
  const rows = reports.map((report) => [
    report.name,
    report.state,
    report.checkpoint ? `${report.checkpoint.commit}/${report.checkpoint.prepare}` : '-',
    report.eventsApplied.toLocaleString('en-US'),
    `${report.lag.events.toLocaleString('en-US')}${report.lag.eventsCapped ? '+' : ''}`,
    report.lag.seconds.toFixed(1),
    report.lastError ? `${report.lastError.at} ${oneLine(report.lastError.message)}` : '-',
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [format(HEADERS), ...rows.map(format)].join('\n') + '\n';
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
