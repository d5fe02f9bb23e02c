import { DomainError } from '../shared/domain-error';
import { HistoricalDate, isDefinitelyBefore, parseHistoricalDate } from '../shared/historical-date';
import { PARTICIPATION_LEVELS } from '../shared/participation-level';
import { SourceCitation, validateSourceCitation } from '../shared/source-citation';
import { MAX_TEXT_LENGTH, optionalText, requireOneOf, requireText } from '../shared/text-field';
import { DELEGATION_DIRECTIONS } from './events/delegation-visited.event';
import { FAIR_ROLES } from './events/fair-attended.event';
import { RecordedFact } from './events/recorded-fact';
import { Participant } from './participant';
import { Place } from './place';

export const MAX_ID_LENGTH = 100;
export const MAX_PARTICIPANTS = 100;
export const MAX_TOPICS = 50;

/**
 * Checks a fact as it would stand, whether newly recorded or corrected. `prefix` is put before field names in errors
 * (`corrections.` for a correction), so the caller learns which of its own fields is at fault.
 */
export function validateRecordedFact(fact: RecordedFact, openedOn: HistoricalDate, prefix = ''): void {
  const field = (name: string): string => prefix + name;
  const source = (value: SourceCitation | undefined): void => {
    if (value !== undefined) validateSourceCitation(value, field('source'));
  };
  const date = (value: string, name: string): void => {
    if (isDefinitelyBefore(parseHistoricalDate(value, field(name)), openedOn)) {
      throw new DomainError('DATE_OUT_OF_ORDER', `${field(name)} ${value} is before the cooperation was opened`, field(name));
    }
  };

  switch (fact.type) {
    case 'ContactEstablished': {
      const { occurredOn, place, occasion, participants, summary } = fact.data;
      date(occurredOn, 'occurredOn');
      if (place !== undefined) validatePlace(place, field('place'));
      if (occasion !== undefined) {
        requireObject(occasion, field('occasion'));
        requireText(occasion.name, field('occasion.name'));
        optionalText(occasion.fairId, field('occasion.fairId'), MAX_ID_LENGTH);
      }
      validateParticipants(participants, field('participants'));
      requireText(summary, field('summary'), MAX_TEXT_LENGTH);
      return source(fact.data.source);
    }
    case 'MeetingHeld': {
      const { occurredOn, place, participants, topics, outcome } = fact.data;
      date(occurredOn, 'occurredOn');
      validatePlace(place, field('place'));
      validateParticipants(participants, field('participants'));
      validateTopics(topics, field('topics'));
      optionalText(outcome, field('outcome'), MAX_TEXT_LENGTH);
      return source(fact.data.source);
    }
    case 'FairAttended': {
      const { fairId, edition, occurredOn, role } = fact.data;
      requireText(fairId, field('fairId'), MAX_ID_LENGTH);
      requireText(edition, field('edition'));
      date(occurredOn, 'occurredOn');
      requireOneOf(role, FAIR_ROLES, field('role'));
      return source(fact.data.source);
    }
    case 'MembershipCrossLinked': {
      const { organisationId, otherOrganisationId, since } = fact.data;
      requireText(organisationId, field('organisationId'), MAX_ID_LENGTH);
      requireText(otherOrganisationId, field('otherOrganisationId'), MAX_ID_LENGTH);
      if (organisationId === otherOrganisationId) {
        throw new DomainError('INVALID_FIELD', `organisation ${organisationId} cannot be a member of itself`, field('otherOrganisationId'));
      }
      date(since, 'since');
      return source(fact.data.source);
    }
    case 'DelegationVisited': {
      const { direction, occurredOn, destination, participants, purpose } = fact.data;
      requireOneOf(direction, DELEGATION_DIRECTIONS, field('direction'));
      date(occurredOn, 'occurredOn');
      validatePlace(destination, field('destination'));
      validateParticipants(participants, field('participants'));
      requireText(purpose, field('purpose'), MAX_TEXT_LENGTH);
      return source(fact.data.source);
    }
    case 'OpportunityIdentified': {
      const { opportunityId, title, occurredOn, description } = fact.data;
      requireText(opportunityId, field('opportunityId'), MAX_ID_LENGTH);
      requireText(title, field('title'));
      date(occurredOn, 'occurredOn');
      optionalText(description, field('description'), MAX_TEXT_LENGTH);
      return source(fact.data.source);
    }
  }
}

function validatePlace(place: Place, field: string): void {
  requireObject(place, field);
  requireText(place.name, `${field}.name`);
  optionalText(place.regionId, `${field}.regionId`, MAX_ID_LENGTH);
}

function validateParticipants(participants: readonly Participant[], field: string): void {
  if (!Array.isArray(participants) || participants.length === 0 || participants.length > MAX_PARTICIPANTS) {
    throw new DomainError('INVALID_FIELD', `${field} must list between 1 and ${MAX_PARTICIPANTS} participants`, field);
  }
  participants.forEach((participant: Participant, index) => {
    const at = `${field}[${index}]`;
    requireObject(participant, at);
    requireText(participant.name, `${at}.name`);
    optionalText(participant.personId, `${at}.personId`, MAX_ID_LENGTH);
    optionalText(participant.organisationId, `${at}.organisationId`, MAX_ID_LENGTH);
    optionalText(participant.role, `${at}.role`);
    requireOneOf(participant.level, PARTICIPATION_LEVELS, `${at}.level`);
  });
}

function validateTopics(topics: readonly string[], field: string): void {
  if (!Array.isArray(topics) || topics.length > MAX_TOPICS) {
    throw new DomainError('INVALID_FIELD', `${field} must list at most ${MAX_TOPICS} topics`, field);
  }
  topics.forEach((topic, index) => requireText(topic, `${field}[${index}]`));
  if (new Set(topics).size !== topics.length) {
    throw new DomainError('INVALID_FIELD', `${field} lists a topic twice`, field);
  }
}

function requireObject(value: unknown, field: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('INVALID_FIELD', `${field} must be an object`, field);
  }
}
