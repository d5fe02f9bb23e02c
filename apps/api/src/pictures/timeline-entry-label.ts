import { PARTICIPATION_LEVELS } from '@app/domain';
import type { ReferenceNames, TimelineItem } from '@app/projections';
import { entryTypeStyle } from './entry-type-styles';

type Names = ReferenceNames;

/** A field of an entry's data as text, or undefined when it is missing or not text. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nameOf(names: Names, kind: keyof Names, id: unknown): string | undefined {
  const key = textOf(id);
  return key === undefined ? undefined : (names[kind][key] ?? key);
}

interface ParticipantText {
  name?: string;
  role?: string;
  level?: string;
}

function participantsOf(data: Record<string, unknown>): ParticipantText[] {
  const list = Array.isArray(data.participants) ? data.participants : [];
  return list.map((participant) => {
    const fields = recordOf(participant);
    return { name: textOf(fields.name), role: textOf(fields.role), level: textOf(fields.level) };
  });
}

/** The participant with the highest level (the first of equals): who a meeting is remembered by. */
function leadParticipant(participants: readonly ParticipantText[]): ParticipantText | undefined {
  const rank = (level: string | undefined) => {
    const index = (PARTICIPATION_LEVELS as readonly string[]).indexOf(level ?? '');
    return index === -1 ? PARTICIPATION_LEVELS.length : index;
  };
  return participants.reduce<ParticipantText | undefined>((best, candidate) => (best === undefined || rank(candidate.level) < rank(best.level) ? candidate : best), undefined);
}

/** One line saying what happened: "Meeting in Kazan with Minister of Transport of Tatarstan", "TransRussia 2010 (exhibitor)". */
export function entryLabel(item: TimelineItem, names: Names): string {
  const data = item.data;
  switch (item.type) {
    case 'CooperationOpened': {
      const partner = recordOf(data.partner);
      const kind = partner.kind === 'organisation' ? 'organisation' : 'region';
      return `Cooperation opened with ${nameOf(names, kind, partner.id) ?? 'a partner'}`;
    }
    case 'ContactEstablished':
      return `Contact: ${textOf(recordOf(data.occasion).name) ?? textOf(recordOf(data.place).name) ?? textOf(data.summary) ?? 'contact made'}`;
    case 'MeetingHeld': {
      const place = textOf(recordOf(data.place).name);
      const lead = leadParticipant(participantsOf(data));
      const who = lead?.name ?? lead?.role;
      return `Meeting${place === undefined ? '' : ` in ${place}`}${who === undefined ? '' : ` with ${who}`}`;
    }
    case 'DelegationVisited': {
      const destination = textOf(recordOf(data.destination).name) ?? 'a destination';
      return data.direction === 'inbound' ? `Delegation received in ${destination}` : `Delegation to ${destination}`;
    }
    case 'FairAttended': {
      const fair = nameOf(names, 'fair', data.fairId);
      const edition = textOf(data.edition);
      const title = edition === undefined ? (fair ?? 'Fair') : fair !== undefined && !edition.includes(fair) ? `${fair} ${edition}` : edition;
      const role = textOf(data.role);
      return role === undefined ? title : `${title} (${role})`;
    }
    case 'MembershipCrossLinked':
      return `Cross-membership: ${nameOf(names, 'organisation', data.organisationId) ?? '?'} ↔ ${nameOf(names, 'organisation', data.otherOrganisationId) ?? '?'}`;
    case 'OpportunityIdentified':
      return `Opportunity: ${textOf(data.title) ?? 'untitled'}`;
    case 'CooperationStageChanged':
      return `Stage: ${textOf(data.from) ?? '?'} → ${textOf(data.to) ?? '?'}`;
    case 'RoleAssumed':
      return `${nameOf(names, 'person', data.personId) ?? 'Someone'}: ${textOf(data.role) ?? 'a role'}${orgSuffix(names, data.organisationId)}`;
    case 'RoleEnded':
      return `${nameOf(names, 'person', data.personId) ?? 'Someone'} no longer ${textOf(data.role) ?? 'in a role'}${orgSuffix(names, data.organisationId)}`;
    default:
      return entryTypeStyle(item.type).title;
  }
}

function orgSuffix(names: Names, organisationId: unknown): string {
  const name = nameOf(names, 'organisation', organisationId);
  return name === undefined ? '' : `, ${name}`;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The tooltip: date and kind, the label, what else the entry says, its source, corrections and retraction. */
export function entryTooltip(item: TimelineItem, names: Names): string {
  const data = item.data;
  const lines = [`${item.occurredOn} · ${entryTypeStyle(item.type).title}`, entryLabel(item, names)];
  for (const field of ['summary', 'outcome', 'purpose', 'description', 'reason']) {
    const text = textOf(data[field]);
    if (text !== undefined) lines.push(text);
  }
  const participants = participantsOf(data)
    .map(({ name, role }) => (name !== undefined && role !== undefined && role !== name ? `${name} (${role})` : (name ?? role ?? '')))
    .filter((text) => text !== '');
  if (participants.length > 0) lines.push(`With: ${participants.join('; ')}`);
  const source = textOf(recordOf(data.source).title) ?? textOf(recordOf(item.recorded.source).title);
  if (source !== undefined) lines.push(`Source: ${source}`);
  for (const correction of item.corrections) {
    const changes = Object.entries(correction.changes).map(([field, change]) => `${field} ${describe(change.from)} → ${describe(change.to)}`);
    lines.push(`Corrected: ${changes.join(', ')}${correction.reason ? ` (${correction.reason})` : ''}`);
  }
  if (item.retraction) lines.push(`Retracted: ${item.retraction.reason}`);
  return lines.join('\n');
}
