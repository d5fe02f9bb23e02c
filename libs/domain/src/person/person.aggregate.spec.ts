import { deciderSpecification } from '../testing/decider-specification';
import { personDecider } from './person.aggregate';
import { PersonRegistered } from './person-registered.event';
import { RoleAssumed, RoleAssumedData } from './role-assumed.event';

const spec = deciderSpecification(personDecider);
const registered: PersonRegistered = { type: 'PersonRegistered', data: { personId: 'minnikhanov', name: 'Rustam Minnikhanov' } };
const president: RoleAssumed = {
  type: 'RoleAssumed',
  data: { personId: 'minnikhanov', organisationId: 'tatarstan-government', role: 'President', from: '2010-03-25', level: 'head-of-state' },
};
const endPresidency = (until: string) =>
  ({ type: 'EndRole', data: { personId: 'minnikhanov', organisationId: 'tatarstan-government', role: 'President', until } }) as const;

describe('RegisterPerson', () => {
  it('registers a person', () => {
    spec.given([]).when({ type: 'RegisterPerson', data: registered.data }).then([registered]);
  });

  it('refuses to register the same person twice', () => {
    spec.given([registered]).when({ type: 'RegisterPerson', data: registered.data }).thenThrows('PERSON_ALREADY_EXISTS', 'personId');
  });

  it('rejects a blank name', () => {
    spec.given([]).when({ type: 'RegisterPerson', data: { personId: 'x', name: '  ' } }).thenThrows('INVALID_FIELD', 'name');
  });
});

describe('AssumeRole', () => {
  it('records a role held from a date', () => {
    spec.given([registered]).when({ type: 'AssumeRole', data: president.data }).then([president]);
  });

  it('accepts a role known only to the year', () => {
    const data = { ...president.data, from: '2010' };
    spec.given([registered]).when({ type: 'AssumeRole', data }).then([{ type: 'RoleAssumed', data }]);
  });

  it('refuses a role for a person who was never registered', () => {
    spec.given([]).when({ type: 'AssumeRole', data: president.data }).thenThrows('PERSON_NOT_FOUND', 'personId');
  });

  it('refuses a role the person already holds', () => {
    spec.given([registered, president]).when({ type: 'AssumeRole', data: president.data }).thenThrows('ROLE_ALREADY_HELD', 'role');
  });

  it('allows the same role again once it ended', () => {
    spec
      .given([registered, president, { type: 'RoleEnded', data: endPresidency('2012').data }])
      .when({ type: 'AssumeRole', data: { ...president.data, from: '2015' } })
      .then([{ type: 'RoleAssumed', data: { ...president.data, from: '2015' } }]);
  });

  it.each([
    ['a bad date', { from: '2010-02-30' }, 'INVALID_DATE', 'from'],
    ['an unknown level', { level: 'mayor' }, 'INVALID_FIELD', 'level'],
    ['a blank role', { role: '' }, 'INVALID_FIELD', 'role'],
  ] as const)('rejects %s', (_case, change, code, field) => {
    const data = { ...president.data, ...change } as RoleAssumedData;
    spec.given([registered]).when({ type: 'AssumeRole', data }).thenThrows(code, field);
  });
});

describe('EndRole', () => {
  it('ends an open role', () => {
    spec.given([registered, president]).when(endPresidency('2020')).then([{ type: 'RoleEnded', data: endPresidency('2020').data }]);
  });

  it('accepts an end date that overlaps the start at a coarser precision', () => {
    spec.given([registered, president]).when(endPresidency('2010')).then([{ type: 'RoleEnded', data: endPresidency('2010').data }]);
  });

  it('refuses an end date before the role began', () => {
    spec.given([registered, president]).when(endPresidency('2010-03-24')).thenThrows('DATE_OUT_OF_ORDER', 'until');
  });

  it('refuses to end a role that is not held', () => {
    spec.given([registered]).when(endPresidency('2020')).thenThrows('ROLE_NOT_FOUND', 'role');
  });

  it('refuses to end a role twice', () => {
    spec
      .given([registered, president, { type: 'RoleEnded', data: endPresidency('2020').data }])
      .when(endPresidency('2021'))
      .thenThrows('ROLE_NOT_FOUND', 'role');
  });
});

describe('ErasePerson', () => {
  const erase = { type: 'ErasePerson', data: { personId: 'minnikhanov', reason: 'Erasure request of 2026-03-02' } } as const;
  const erased = { type: 'PersonErased', data: erase.data } as const;

  it('records the erasure of a registered person, with its reason', () => {
    spec.given([registered, president]).when(erase).then([erased]);
  });

  it('refuses to erase a person who was never registered', () => {
    spec.given([]).when(erase).thenThrows('PERSON_NOT_FOUND', 'personId');
  });

  it('refuses to erase a person twice', () => {
    spec.given([registered, erased]).when(erase).thenThrows('PERSON_ALREADY_ERASED', 'personId');
  });

  it('refuses an erasure without a reason', () => {
    spec.given([registered]).when({ type: 'ErasePerson', data: { personId: 'minnikhanov', reason: ' ' } }).thenThrows('INVALID_FIELD', 'reason');
  });

  it('gives an erased person no new roles and keeps their id taken', () => {
    spec.given([registered, erased]).when({ type: 'AssumeRole', data: president.data }).thenThrows('PERSON_ERASED', 'personId');
    spec.given([registered, erased]).when({ type: 'RegisterPerson', data: registered.data }).thenThrows('PERSON_ALREADY_EXISTS', 'personId');
  });

  it('forgets the personal fields in the state', () => {
    const withContact: PersonRegistered = { type: 'PersonRegistered', data: { ...registered.data, email: 'r.m@example.org' } };
    const state = [withContact, president, erased].reduce(personDecider.evolve, personDecider.initialState());
    expect(state).toEqual({ status: 'erased', personId: 'minnikhanov', roles: [{ organisationId: 'tatarstan-government', role: 'President', from: '2010-03-25', level: 'head-of-state' }] });
  });
});

describe('RegisterPerson with contact details', () => {
  it('records email and phone beside the name', () => {
    const data = { ...registered.data, email: 'r.m@example.org', phone: '+7 843 000 00 00' };
    spec.given([]).when({ type: 'RegisterPerson', data }).then([{ type: 'PersonRegistered', data }]);
  });

  it('rejects a blank email', () => {
    spec.given([]).when({ type: 'RegisterPerson', data: { ...registered.data, email: '' } }).thenThrows('INVALID_FIELD', 'email');
  });
});
