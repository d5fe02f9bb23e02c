import { cellKindsOf } from './import-cell-kinds';
import { IMPORT_FACTS } from './import-facts';

describe('cellKindsOf', () => {
  const kindOf = cellKindsOf(IMPORT_FACTS);
  const kind = (fact: string | undefined, column: string) => kindOf(fact, column.split('.'));

  it.each([
    ['OrganisationRegistered', 'memberCount', 'number'],
    ['OrganisationRegistered', 'name', 'text'],
    ['OrganisationRegistered', 'kind', 'text'],
    ['MeetingHeld', 'topics', 'list'],
    ['MeetingHeld', 'topics.0', 'text'],
    ['MeetingHeld', 'participants', 'json'],
    ['MeetingHeld', 'participants.0', 'json'],
    ['MeetingHeld', 'participants.0.level', 'text'],
    ['MeetingHeld', 'place', 'json'],
    ['MeetingHeld', 'place.name', 'text'],
    ['MeetingHeld', 'source.publishedOn', 'text'],
    ['CooperationOpened', 'partner.id', 'text'],
    ['FactCorrected', 'corrections.topics', 'list'],
    ['FactCorrected', 'corrections.participants', 'json'],
    ['FactCorrected', 'corrections.place.regionId', 'text'],
  ])('reads %s.%s as %s', (fact, column, expected) => {
    expect(kind(fact, column)).toBe(expected);
  });

  it('reads columns the DTO does not know, and rows of unknown facts, as text (for the validation to refuse by name)', () => {
    expect(kind('MeetingHeld', 'cooperationId')).toBe('text');
    expect(kind('MeetingHeld', 'place.name.first')).toBe('text');
    expect(kind('NoSuchFact', 'memberCount')).toBe('text');
    expect(kind(undefined, 'memberCount')).toBe('text');
  });
});
