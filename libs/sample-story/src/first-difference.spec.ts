import { firstDifference } from './first-difference';

describe('firstDifference', () => {
  it('finds nothing when the entity holds at least what the story would record', () => {
    const shown = { id: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: 'russia', version: 1 };
    expect(firstDifference(shown, { id: 'tatarstan', name: 'Republic of Tatarstan', parentRegionId: 'russia' })).toBeUndefined();
  });

  it('names the first field that differs, with both values', () => {
    expect(firstDifference({ name: 'Tatarstan', kind: 'city' }, { name: 'Republic of Tatarstan', kind: 'city' })).toBe(
      'name is "Tatarstan", the story has "Republic of Tatarstan"',
    );
  });

  it('names a missing field, nested fields by their path', () => {
    expect(firstDifference({ id: 'kazan' }, { parentRegionId: 'tatarstan' })).toBe('parentRegionId is not recorded, the story has "tatarstan"');
    expect(firstDifference({ partner: { kind: 'region', id: 'russia' } }, { partner: { kind: 'region', id: 'tatarstan' } })).toBe(
      'partner.id is "russia", the story has "tatarstan"',
    );
  });

  it('finds each expected item anywhere in a list', () => {
    const roles = [
      { organisationId: 'a', role: 'Chair', from: '2001' },
      { organisationId: 'b', role: 'President', from: '2010-03-25' },
    ];
    expect(firstDifference({ roles }, { roles: [{ organisationId: 'b', role: 'President' }] })).toBeUndefined();
    expect(firstDifference({ roles }, { roles: [{ organisationId: 'b', role: 'Minister' }] })).toBe(
      'roles holds nothing like {"organisationId":"b","role":"Minister"}',
    );
  });

  it('compares an entry recorded differently with the entry of the same id, naming the field', () => {
    const entries = [
      { entryId: 'first-contact', occurredOn: '2017-03' },
      { entryId: 'kazan-minister-meeting', occurredOn: '2017-10-12', topics: ['logistics'] },
    ];
    expect(firstDifference({ entries }, { entries: [{ entryId: 'kazan-minister-meeting', occurredOn: '2017-10' }] })).toBe(
      'entries[kazan-minister-meeting].occurredOn is "2017-10-12", the story has "2017-10"',
    );
  });

  it('tells a list from a value and a value from an object', () => {
    expect(firstDifference({ topics: 'logistics' }, { topics: ['logistics'] })).toBe('topics is "logistics", the story has ["logistics"]');
    expect(firstDifference({ place: 'Kazan' }, { place: { name: 'Kazan' } })).toBe('place is "Kazan", the story has {"name":"Kazan"}');
    expect(firstDifference({ memberCount: 130 }, { memberCount: '130' })).toBe('memberCount is 130, the story has "130"');
  });
});
