import { formatTable } from '@app/terminal';
import type { RegionStatusAnswer } from './status.command';

/** What a replay shows, said before it is shown: which cut of history, and what that cut means. */
export function formatReplayHeading(cut: { asOf: string; knownAt?: string }): string {
  const recorded = cut.knownAt
    ? `as it had been recorded at ${cut.knownAt} (corrections and retractions recorded later left out)`
    : 'as it is recorded today (later corrections applied)';
  return `Replay of history as of ${cut.asOf}: what had happened by the end of that day — facts dated up to then, stages from the stage changes dated up to then — ${recorded}.\n`;
}

/** One line per region that had a cooperation at the cut: stage, since when, first contact, last interaction. */
export function formatRegionsAtCut(statuses: readonly { status: RegionStatusAnswer; depth: number }[]): string {
  const active = statuses.filter(({ status }) => status.cooperations.length > 0);
  const quiet = statuses.length - active.length;
  const table = formatTable(
    ['REGION', 'STAGE', 'SINCE', 'COOPERATIONS', 'FIRST CONTACT', 'LAST INTERACTION', 'MEETINGS', 'NAME'],
    active.map(({ status, depth }) => [
      `${'  '.repeat(depth)}${status.regionId}`,
      status.stage ?? '-',
      status.stageSince ?? '-',
      String(status.cooperations.length),
      status.firstContact ? String(status.firstContact.occurredOn) : '-',
      status.lastInteraction?.occurredOn ?? '-',
      String(status.meetings.total),
      status.name ?? '',
    ]),
  );
  const note = quiet > 0 ? `${quiet === 1 ? '1 other region' : `${quiet} other regions`} had no cooperation then.\n` : '';
  return active.length === 0 ? `No region had a cooperation then (${statuses.length === 1 ? '1 region' : `${statuses.length} regions`} known).\n` : `${table}${note}`;
}
