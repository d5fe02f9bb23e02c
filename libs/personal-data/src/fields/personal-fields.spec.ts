import { isSealedField, newPersonKey } from '../envelope/sealed-field';
import { ERASED_PERSON_NAME, erasePersonalFields, peopleToSeal, revealPersonalFields, sealingPeopleIn, sealPersonalFields } from './personal-fields';

const keys = new Map([
  ['president-tatarstan', newPersonKey()],
  ['minister', newPersonKey()],
]);
const keyOf = (personId: string) => keys.get(personId)!;

const meeting = {
  entryId: 'kazan-minister-meeting',
  participants: [
    { personId: 'minister', name: 'Minister of Transport of Tatarstan', role: 'Minister of Transport', level: 'minister' },
    { name: 'Network delegation', organisationId: 'logistics-network', level: 'executive' },
  ],
  summary: 'Met the minister',
};

describe('personal fields', () => {
  it('seals the name, email and phone of every record that names a person, and nothing else', () => {
    const registered = sealPersonalFields({ personId: 'president-tatarstan', name: 'Rustam Minnikhanov', email: 'r@example.org', phone: '+7 843' }, keyOf);
    expect([registered.name, registered.email, registered.phone].every(isSealedField)).toBe(true);
    const sealed = sealPersonalFields(meeting, keyOf);
    expect(isSealedField(sealed.participants[0].name)).toBe(true);
    expect(sealed.participants[1]).toBe(meeting.participants[1]);
    expect(sealed.summary).toBe('Met the minister');
    expect(JSON.stringify(sealed)).not.toContain('Minister of Transport of Tatarstan');
  });

  it('says which people sealing needs keys for, and where each is named', () => {
    const correction = { entryId: 'x', corrections: { participants: meeting.participants }, reason: 'r' };
    expect(peopleToSeal(correction)).toEqual(new Map([['minister', 'corrections.participants[0].personId']]));
    expect(peopleToSeal({ personId: 'p', organisationId: 'o', role: 'Chair' })).toEqual(new Map());
  });

  it('reveals what it sealed, and leaves events without sealed fields as they are', () => {
    const sealed = sealPersonalFields(meeting, keyOf);
    expect(sealingPeopleIn(sealed)).toEqual(new Set(['minister']));
    expect(revealPersonalFields(sealed, keyOf)).toEqual(meeting);
    const plain = { regionId: 'kazan', name: 'Kazan' };
    expect(revealPersonalFields(plain, keyOf)).toBe(plain);
  });

  it('shows a record whose key is gone as an erased person', () => {
    const sealed = sealPersonalFields({ personId: 'president-tatarstan', name: 'Rustam Minnikhanov', email: 'r@example.org' }, keyOf);
    expect(revealPersonalFields(sealed, () => undefined)).toEqual({ personId: 'president-tatarstan', name: ERASED_PERSON_NAME, erased: true });
  });

  it('erases revealed records exactly as revealing them without a key does, and the same when applied twice', () => {
    const sealed = sealPersonalFields(meeting, keyOf);
    const withoutKey = revealPersonalFields(sealed, (personId) => (personId === 'minister' ? undefined : keyOf(personId)));
    const erased = erasePersonalFields(meeting, (personId) => personId === 'minister');
    expect(JSON.stringify(erased)).toBe(JSON.stringify(withoutKey));
    expect(JSON.stringify(erasePersonalFields(erased, () => true))).toBe(JSON.stringify(erased));
    expect(erased.participants[0]).toEqual({ personId: 'minister', name: ERASED_PERSON_NAME, role: 'Minister of Transport', level: 'minister', erased: true });
  });

  it('leaves records without personal fields (a role) unmarked', () => {
    const role = { personId: 'minister', organisationId: 'ministry', role: 'Minister', from: '2017', level: 'minister' };
    expect(erasePersonalFields(role, () => true)).toBe(role);
  });
});
