import { PARTICIPATION_LEVELS, type ParticipationLevel } from '@app/domain';
import type { CooperationReference, ReferenceData } from './reference-data';

export const PARTICIPATION_LEVEL_BITS: Readonly<Record<ParticipationLevel, number>> = Object.fromEntries(
  PARTICIPATION_LEVELS.map((level, index) => [level, 1 << index]),
) as Record<ParticipationLevel, number>;

export function levelBits(levels: readonly string[]): number {
  let bits = 0;
  for (const level of levels) bits |= PARTICIPATION_LEVEL_BITS[level as ParticipationLevel] ?? 0;
  return bits;
}

interface ParticipantLike {
  personId?: unknown;
  organisationId?: unknown;
  level?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function participantsOf(data: Record<string, unknown>): ParticipantLike[] {
  return Array.isArray(data.participants) ? (data.participants as ParticipantLike[]).filter((p) => typeof p === 'object' && p !== null) : [];
}

/** What an entry is about, before region ancestry is added. */
export interface EntryAssociations {
  regions: string[];
  organisations: string[];
  people: string[];
  levels: number;
}

/**
 * The regions, organisations and people a fact concerns. Regions: the partner region (or the partner organisation's
 * region), our organisation's region, where it happened (place, destination) and the fair's region. Organisations:
 * both sides, every participant's organisation, both sides of a cross-membership. People: participants known by id.
 */
export function associationsOf(
  type: string,
  data: Record<string, unknown>,
  cooperation: CooperationReference | undefined,
  refs: ReferenceData,
): EntryAssociations {
  const regions: (string | undefined)[] = [];
  const organisations: (string | undefined)[] = [];
  const people: (string | undefined)[] = [];
  if (cooperation) {
    organisations.push(cooperation.ourOrganisationId);
    regions.push(refs.get('organisation', cooperation.ourOrganisationId)?.regionId, refs.partnerRegionOf(cooperation));
    if (cooperation.partner.kind === 'organisation') organisations.push(cooperation.partner.id);
  }
  const participants = participantsOf(data);
  for (const participant of participants) {
    people.push(text(participant.personId));
    organisations.push(text(participant.organisationId));
  }
  const place = data.place as { regionId?: unknown } | undefined;
  const destination = data.destination as { regionId?: unknown } | undefined;
  const occasion = data.occasion as { fairId?: unknown } | undefined;
  regions.push(text(place?.regionId), text(destination?.regionId));
  regions.push(refs.get('fair', text(data.fairId))?.regionId, refs.get('fair', text(occasion?.fairId))?.regionId);
  organisations.push(text(data.organisationId), text(data.otherOrganisationId));
  if (type === 'RoleAssumed' || type === 'RoleEnded') {
    people.push(text(data.personId));
    regions.push(refs.get('organisation', text(data.organisationId))?.regionId);
  }
  return {
    regions: distinct(regions),
    organisations: distinct(organisations),
    people: distinct(people),
    levels: levelBits([...participants.map((p) => String(p.level)), ...(typeof data.level === 'string' ? [data.level] : [])]),
  };
}

/** The timelines an entry appears on: the global one, its cooperation's, and each region (with all it lies in), organisation and person. */
export function scopesOf(associations: EntryAssociations, cooperationId: string | undefined, refs: ReferenceData): string[] {
  const scopes = ['all'];
  if (cooperationId !== undefined) scopes.push(`cooperation:${cooperationId}`);
  const regions = new Set<string>();
  for (const region of associations.regions) for (const within of refs.regionWithAncestors(region)) regions.add(within);
  for (const region of regions) scopes.push(`region:${region}`);
  for (const organisation of associations.organisations) scopes.push(`organisation:${organisation}`);
  for (const person of associations.people) scopes.push(`person:${person}`);
  return scopes;
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
