import { PARTICIPATION_LEVELS } from '@app/domain';
import { dateKeyText, trailingYearStart } from '../history/date-key';
import type { ReferenceData } from '../history/reference-data';
import type { StatusTally } from './status-tally';

/** A cooperation of the region, with the stage it stood at (at the cut, when there is one). */
export interface CooperationStageView {
  cooperationId: string;
  ourOrganisationId: string;
  partner: { kind: string; id: string };
  openedOn: string;
  stage: string;
  stageSince: string;
}

/** The answer to "where do we stand with this region?". */
export interface RegionStatus {
  regionId: string;
  name?: string;
  /** The most advanced stage among the region's cooperations, and since when that cooperation stood there. */
  stage: string | null;
  stageSince: string | null;
  cooperations: CooperationStageView[];
  firstContact: { entryKey: string; cooperationId?: string; occurredOn: string; summary?: unknown } | null;
  lastInteraction: { occurredOn: string; interactions: number } | null;
  meetings: { total: number; byLevel: Record<string, number> };
  delegationVisits: { inbound: number; outbound: number };
  fairs: { fairId: string; name?: string; attendances: number; editions: string[] }[];
  crossMemberships: Record<string, unknown>[];
  openOpportunities: Record<string, unknown>[];
  organisations: { id: string; name?: string; mentions: number }[];
  people: { id: string; name?: string; mentions: number }[];
  /** Interactions (contacts, meetings, fair attendances, delegation visits) in the 12 calendar months up to the reference day. */
  momentum: { interactions: number; from: string; to: string };
}

// Most advanced first; a live stage outranks a dormant or ended one.
const STAGE_RANK = ['formal-partnership', 'active', 'exploring', 'contact', 'dormant', 'ended'];

/** Lists of involved organisations and people are cut here, most mentioned first. */
export const INVOLVED_LIMIT = 100;

/**
 * The status of a region from its tally and its cooperations' stages, as of the reference day `dayKey` (today, or
 * the `asOf` day). Pure: the live projection and a replay to a cut both end here, so they answer alike.
 */
export function summarizeRegionStatus(regionId: string, tally: StatusTally, stages: CooperationStageView[], dayKey: number, refs: ReferenceData): RegionStatus {
  const counts = tally.counts;
  const byLevel: Record<string, number> = {};
  for (const level of [...PARTICIPATION_LEVELS, 'unspecified']) byLevel[level] = counts[`meetings:${level}`] ?? 0;

  const fairs = new Map<string, { attendances: number; editions: string[] }>();
  const involved = { organisation: [] as [string, number][], person: [] as [string, number][] };
  let lastDay: number | undefined;
  let momentum = 0;
  const windowStart = trailingYearStart(dayKey);
  for (const [key, count] of Object.entries(counts)) {
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const rest = key.slice(colon + 1);
    if (kind === 'day') {
      const day = Number(rest);
      if (day <= dayKey && (lastDay === undefined || day > lastDay)) lastDay = day;
      if (day >= windowStart && day <= dayKey) momentum += count;
    } else if (kind === 'fairs') {
      const split = rest.indexOf(':');
      const fairId = rest.slice(0, split);
      const fair = fairs.get(fairId) ?? { attendances: 0, editions: [] };
      fair.attendances += count;
      fair.editions.push(rest.slice(split + 1));
      fairs.set(fairId, fair);
    } else if (kind === 'organisation' || kind === 'person') {
      involved[kind].push([rest, count]);
    }
  }

  const items = Object.entries(tally.items);
  const itemsOf = (prefix: string) => items.filter(([key]) => key.startsWith(prefix)).map(([, item]) => item);
  const contacts = itemsOf('contact:').sort((a, b) => Number(a.sortKey) - Number(b.sortKey));
  const ended = new Set(stages.filter((stage) => stage.stage === 'ended').map((stage) => stage.cooperationId));
  const byEntry = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.entryKey).localeCompare(String(b.entryKey));

  const ranked = [...stages].sort((a, b) => STAGE_RANK.indexOf(a.stage) - STAGE_RANK.indexOf(b.stage) || a.cooperationId.localeCompare(b.cooperationId));
  const lead = ranked[0];
  const firstContact = contacts[0];
  return {
    regionId,
    ...(refs.nameOf('region', regionId) === undefined ? {} : { name: refs.nameOf('region', regionId) }),
    stage: lead?.stage ?? null,
    stageSince: lead?.stageSince ?? null,
    cooperations: [...stages].sort((a, b) => a.cooperationId.localeCompare(b.cooperationId)),
    firstContact: firstContact
      ? { entryKey: String(firstContact.entryKey), cooperationId: firstContact.cooperationId as string | undefined, occurredOn: String(firstContact.occurredOn), summary: firstContact.summary }
      : null,
    lastInteraction: lastDay === undefined ? null : { occurredOn: dateKeyText(lastDay), interactions: counts[`day:${lastDay}`] ?? 0 },
    meetings: { total: Object.values(byLevel).reduce((sum, count) => sum + count, 0), byLevel },
    delegationVisits: { inbound: counts['delegations:inbound'] ?? 0, outbound: counts['delegations:outbound'] ?? 0 },
    fairs: [...fairs.entries()]
      .map(([fairId, fair]) => ({ fairId, ...named(refs.nameOf('fair', fairId)), attendances: fair.attendances, editions: fair.editions.sort() }))
      .sort((a, b) => a.fairId.localeCompare(b.fairId)),
    crossMemberships: itemsOf('membership:').sort(byEntry),
    openOpportunities: itemsOf('opportunity:')
      .filter((item) => !ended.has(String(item.cooperationId)))
      .sort(byEntry),
    organisations: topInvolved(involved.organisation).map(([id, mentions]) => ({ id, ...named(refs.nameOf('organisation', id)), mentions })),
    people: topInvolved(involved.person).map(([id, mentions]) => ({ id, ...named(refs.nameOf('person', id)), mentions })),
    momentum: { interactions: momentum, from: dateKeyText(windowStart), to: dateKeyText(dayKey) },
  };
}

function named(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

function topInvolved(entries: [string, number][]): [string, number][] {
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, INVOLVED_LIMIT);
}
