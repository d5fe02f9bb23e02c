import type { CooperationStatus, ListedEntry, RegionStatus, StatusSummary } from '@app/projections';
import { formatCount, oneLine } from '@app/terminal';

/** What a cut was, as the API echoes it back. */
export interface CutEcho {
  asOf?: string;
  knownAt?: string;
}

const LABEL_WIDTH = 20;

/**
 * Where we stand with a region, as a block of labelled lines: the most advanced stage and since when, each
 * cooperation, then what its entries add up to (summaryLines).
 */
export function formatRegionStatus(status: RegionStatus & CutEcho): string {
  return block(`${status.name ?? status.regionId} (${status.regionId})${cutPhrase(status)}`, [
    ['Stage', [status.stage ? `${status.stage} since ${status.stageSince}` : 'none (no cooperation with a partner here)']],
    ['Cooperations', status.cooperations.map((cooperation) => `${cooperation.cooperationId}: ${cooperation.stage} since ${cooperation.stageSince} (opened ${cooperation.openedOn}, partner ${cooperation.partner.kind} ${cooperation.partner.id})`)],
    ...summarySections(status),
  ]);
}

/** Where one cooperation stands: its sides, stage and since when, then what its entries add up to. */
export function formatCooperationStatus(status: CooperationStatus & CutEcho): string {
  return block(`Cooperation ${status.cooperationId}${cutPhrase(status)}`, [
    ['Between', [`organisation ${status.ourOrganisationId} and ${status.partner.kind} ${status.partner.id}`]],
    ['Opened', [status.openedOn]],
    ['Stage', [`${status.stage} since ${status.stageSince}`]],
    ...summarySections(status),
  ]);
}

/**
 * First contact, last interaction, meetings by level, delegations, fairs, cross-memberships, open opportunities, who
 * is involved and the momentum of the 12 months up to the reference day: a region's and a cooperation's alike.
 */
function summarySections(status: StatusSummary): [string, string[]][] {
  const levels = Object.entries(status.meetings.byLevel)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${level} ${count}`);
  return [
    ['First contact', status.firstContact ? [listed(status.firstContact)] : []],
    ['Last interaction', status.lastInteraction ? [`${status.lastInteraction.occurredOn} (${plural(status.lastInteraction.interactions, 'interaction')})`] : []],
    ['Meetings', [`${status.meetings.total}${levels.length > 0 ? ` (${levels.join(', ')})` : ''}`]],
    ['Delegation visits', [`${status.delegationVisits.inbound} inbound, ${status.delegationVisits.outbound} outbound`]],
    ['Fairs', status.fairs.map((fair) => `${fair.name ?? fair.fairId}: ${plural(fair.attendances, 'attendance')} (${fair.editions.join(', ')})`)],
    ['Cross-memberships', counted(status.crossMemberships, status.crossMembershipCount)],
    ['Open opportunities', counted(status.openOpportunities, status.openOpportunityCount)],
    ['Organisations', [involved(status.organisations)]],
    ['People', [involved(status.people)]],
    ['Momentum', [`${plural(status.momentum.interactions, 'interaction')} from ${status.momentum.from} to ${status.momentum.to}`]],
  ];
}

function block(title: string, sections: [string, string[]][]): string {
  const lines = [title];
  for (const [label, values] of sections) {
    (values.length === 0 ? ['-'] : values).forEach((value, index) => lines.push(`  ${(index === 0 ? label : '').padEnd(LABEL_WIDTH)}${value}`));
  }
  return `${lines.join('\n')}\n`;
}

/** ` as of 2017-06-30, as known at 2017-11-01T00:00:00Z`, or nothing for today's view. */
export function cutPhrase(cut: CutEcho): string {
  return `${cut.asOf ? ` as of ${cut.asOf}` : ''}${cut.knownAt ? `, as known at ${cut.knownAt}` : ''}`;
}

/** `2 in all (latest 1 shown)` then the entries, or `0`. */
function counted(entries: readonly ListedEntry[], total: number): string[] {
  if (total === 0) return ['0'];
  return [`${total} in all${total > entries.length ? ` (latest ${entries.length} shown)` : ''}`, ...entries.map(listed)];
}

function listed(entry: ListedEntry): string {
  const fields = entry as Record<string, unknown>;
  const what = ['summary', 'title', 'purpose', 'edition'].map((key) => fields[key]).find((value): value is string => typeof value === 'string');
  const where = entry.cooperationId ? ` [${entry.cooperationId}${entry.entryId ? ` ${entry.entryId}` : ''}]` : '';
  return `${entry.occurredOn}${what ? ` ${oneLine(what, 100)}` : ''}${where}`;
}

function involved(list: readonly { id: string; name?: string; mentions: number }[]): string {
  if (list.length === 0) return '-';
  return list.map((entry) => `${entry.name ?? entry.id} (${formatCount(entry.mentions)})`).join(', ');
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}
