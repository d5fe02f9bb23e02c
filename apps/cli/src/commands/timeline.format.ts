import type { ReferenceNames, TimelineItem } from '@app/projections';
import { formatTable, oneLine } from '@app/terminal';

type Data = Record<string, unknown>;
type Participant = { name?: string; personId?: string; level?: string };
type Place = { name?: string; regionId?: string };

const HEADERS = ['DATE', 'TYPE', 'STATE', 'ENTRY', 'SUMMARY'];
/** The summary keeps at least this much room however narrow the terminal. */
const MIN_SUMMARY_WIDTH = 24;

export interface TimelineTableOptions {
  /** The terminal's width: summaries are cut to fit it. Unset (a file, a pipe): shown whole. */
  width?: number;
}

/**
 * A timeline as a table, one entry per line: its date as recorded (so with its precision: `2010` is a year,
 * `2017-03` a month), type, state, the id to correct or retract it by, and what happened in a few words.
 */
export function formatTimelineTable(items: readonly TimelineItem[], names: ReferenceNames, options: TimelineTableOptions = {}): string {
  const rows = items.map((item) => [item.occurredOn, item.type, stateOf(item), item.entryId ?? '-', summarizeEntry(item, names)]);
  if (options.width !== undefined) {
    const fixed = HEADERS.slice(0, -1).map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
    const room = Math.max(MIN_SUMMARY_WIDTH, options.width - fixed.reduce((sum, width) => sum + width + 2, 0));
    for (const row of rows) row[4] = oneLine(row[4], room);
  }
  return formatTable(HEADERS, rows);
}

function stateOf(item: TimelineItem): string {
  if (item.state === 'corrected') return `corrected ×${item.corrections.length}`;
  return item.state;
}

/** What happened, in one line, with names instead of ids where the page named them. */
export function summarizeEntry(item: Pick<TimelineItem, 'type' | 'data' | 'retraction'>, names: ReferenceNames): string {
  const text = oneLine(summaryOf(item.type, item.data, names));
  return item.retraction ? `${text} (retracted: ${oneLine(item.retraction.reason)})` : text;
}

function summaryOf(type: string, data: Data, names: ReferenceNames): string {
  const organisation = (id: unknown) => nameOf(names.organisation, id);
  switch (type) {
    case 'CooperationOpened': {
      const partner = data.partner as { kind?: string; id?: string } | undefined;
      const partnerName = partner?.kind === 'region' ? nameOf(names.region, partner.id) : organisation(partner?.id);
      return `${organisation(data.ourOrganisationId)} with ${partnerName} (${partner?.kind ?? 'partner'}) opened`;
    }
    case 'ContactEstablished':
      return joined([text(data.summary), placeOf(data.place), occasionOf(data.occasion), participantsOf(data.participants)]);
    case 'MeetingHeld':
      return joined([
        `meeting${data.place ? ` in ${placeOf(data.place)}` : ''}`,
        participantsOf(data.participants),
        listOf(data.topics) ? `topics: ${listOf(data.topics)}` : undefined,
        text(data.outcome) ? `outcome: ${text(data.outcome)}` : undefined,
      ]);
    case 'FairAttended':
      return `${text(data.edition) ?? nameOf(names.fair, data.fairId)}${data.role ? ` as ${text(data.role)}` : ''}`;
    case 'MembershipCrossLinked':
      return `${organisation(data.organisationId)} and ${organisation(data.otherOrganisationId)} members of each other${data.since ? ` since ${text(data.since)}` : ''}`;
    case 'DelegationVisited':
      return joined([`${text(data.direction) ?? ''} delegation to ${placeOf(data.destination) ?? '?'}`.trim(), text(data.purpose), participantsOf(data.participants)]);
    case 'OpportunityIdentified':
      return joined([`opportunity: ${text(data.title) ?? '?'}`, text(data.description)]);
    case 'CooperationStageChanged':
      return joined([`${text(data.from) ?? '?'} → ${text(data.to) ?? '?'}`, text(data.reason)]);
    case 'RoleAssumed':
      return `${nameOf(names.person, data.personId)}: ${text(data.role) ?? 'role'} at ${organisation(data.organisationId)}${data.level ? ` (${text(data.level)})` : ''}`;
    case 'RoleEnded':
      return `${nameOf(names.person, data.personId)} left ${text(data.role) ?? 'a role'} at ${organisation(data.organisationId)}`;
    default:
      return JSON.stringify(data);
  }
}

function nameOf(known: Record<string, string>, id: unknown): string {
  if (typeof id !== 'string') return '?';
  return known[id] ?? id;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function listOf(value: unknown): string | undefined {
  return Array.isArray(value) && value.length > 0 ? value.map(String).join(', ') : undefined;
}

function placeOf(value: unknown): string | undefined {
  return text((value as Place | undefined)?.name);
}

function occasionOf(value: unknown): string | undefined {
  return text((value as { name?: string } | undefined)?.name);
}

function participantsOf(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return (value as Participant[]).map((participant) => `${participant.name ?? '?'}${participant.level ? ` (${participant.level})` : ''}`).join(', ');
}

function joined(parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join('; ');
}
