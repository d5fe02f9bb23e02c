// What a timeline entry says, in words, from its data (the API's TimelineItem) and the names its page carries.
const LEVELS = ['head-of-state', 'minister', 'executive', 'working'];

export const TYPE_TITLES = {
  CooperationOpened: 'Cooperation opened',
  ContactEstablished: 'Contact',
  MeetingHeld: 'Meeting',
  DelegationVisited: 'Delegation visit',
  FairAttended: 'Fair attended',
  MembershipCrossLinked: 'Cross-membership',
  OpportunityIdentified: 'Opportunity',
  CooperationStageChanged: 'Stage change',
  RoleAssumed: 'Role taken',
  RoleEnded: 'Role ended',
};

const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const nameOf = (names, kind, id) => (text(id) === undefined ? undefined : (names[kind]?.[id] ?? id));

function participants(data) {
  return (Array.isArray(data.participants) ? data.participants : []).map((participant) => ({
    name: text(participant?.name),
    role: text(participant?.role),
    level: text(participant?.level),
  }));
}

function lead(list) {
  const rank = (level) => (LEVELS.includes(level) ? LEVELS.indexOf(level) : LEVELS.length);
  return list.reduce((best, candidate) => (best === undefined || rank(candidate.level) < rank(best.level) ? candidate : best), undefined);
}

/** One line: "Meeting in Kazan with Minister of Transport of Tatarstan". */
export function entryTitle(item, names) {
  const data = item.data;
  switch (item.type) {
    case 'CooperationOpened':
      return `Cooperation opened with ${nameOf(names, data.partner?.kind === 'organisation' ? 'organisation' : 'region', data.partner?.id) ?? 'a partner'}`;
    case 'ContactEstablished':
      return `Contact: ${text(data.occasion?.name) ?? text(data.place?.name) ?? text(data.summary) ?? 'contact made'}`;
    case 'MeetingHeld': {
      const who = lead(participants(data));
      return `Meeting${text(data.place?.name) ? ` in ${data.place.name}` : ''}${who?.name ?? who?.role ? ` with ${who.name ?? who.role}` : ''}`;
    }
    case 'DelegationVisited':
      return `${data.direction === 'inbound' ? 'Delegation received in' : 'Delegation to'} ${text(data.destination?.name) ?? 'a destination'}`;
    case 'FairAttended': {
      const fair = nameOf(names, 'fair', data.fairId);
      const edition = text(data.edition);
      const title = edition === undefined ? (fair ?? 'Fair') : fair !== undefined && !edition.includes(fair) ? `${fair} ${edition}` : edition;
      return text(data.role) ? `${title} (${data.role})` : title;
    }
    case 'MembershipCrossLinked':
      return `Cross-membership: ${nameOf(names, 'organisation', data.organisationId) ?? '?'} ↔ ${nameOf(names, 'organisation', data.otherOrganisationId) ?? '?'}`;
    case 'OpportunityIdentified':
      return `Opportunity: ${text(data.title) ?? 'untitled'}`;
    case 'CooperationStageChanged':
      return `Stage: ${text(data.from) ?? '?'} → ${text(data.to) ?? '?'}`;
    case 'RoleAssumed':
      return `${nameOf(names, 'person', data.personId) ?? 'Someone'}: ${text(data.role) ?? 'a role'}${nameOf(names, 'organisation', data.organisationId) ? `, ${nameOf(names, 'organisation', data.organisationId)}` : ''}`;
    case 'RoleEnded':
      return `${nameOf(names, 'person', data.personId) ?? 'Someone'} no longer ${text(data.role) ?? 'in a role'}`;
    default:
      return TYPE_TITLES[item.type] ?? item.type;
  }
}

/** The lines under the title: what else it says, with whom, on what source, corrections and retraction. */
export function entryDetails(item) {
  const data = item.data;
  const lines = ['summary', 'outcome', 'purpose', 'description', 'reason'].map((field) => text(data[field])).filter(Boolean);
  const people = participants(data)
    .map(({ name, role }) => (name && role && role !== name ? `${name} (${role})` : (name ?? role)))
    .filter(Boolean);
  if (people.length > 0) lines.push(`With ${people.join('; ')}`);
  const source = text(data.source?.title) ?? text(item.recorded?.source?.title);
  if (source) lines.push(`Source: ${source}`);
  for (const correction of item.corrections ?? []) {
    const changes = Object.entries(correction.changes).map(([field, change]) => `${field} ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`);
    lines.push(`Corrected: ${changes.join(', ')}${correction.reason ? ` (${correction.reason})` : ''}`);
  }
  if (item.retraction) lines.push(`Retracted: ${item.retraction.reason}`);
  return lines;
}
