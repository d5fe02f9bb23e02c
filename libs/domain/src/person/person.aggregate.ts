import { DomainError } from '../shared/domain-error';
import { isDefinitelyBefore, parseHistoricalDate } from '../shared/historical-date';
import { Decider } from '../shared/decider';
import { PARTICIPATION_LEVELS } from '../shared/participation-level';
import { requireOneOf, requireText } from '../shared/text-field';
import { AssumeRole } from './assume-role.command';
import { EndRole } from './end-role.command';
import { PERSON_REGISTERED, PersonRegistered } from './person-registered.event';
import { RegisterPerson } from './register-person.command';
import { ROLE_ASSUMED, RoleAssumed, RoleAssumedData } from './role-assumed.event';
import { ROLE_ENDED, RoleEnded } from './role-ended.event';

export type PersonCommand = RegisterPerson | AssumeRole | EndRole;
export type PersonEvent = PersonRegistered | RoleAssumed | RoleEnded;

export interface RoleHeld extends Omit<RoleAssumedData, 'personId'> {
  readonly until?: string;
}

export type PersonState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly personId: string; readonly name: string; readonly roles: readonly RoleHeld[] };

export const initialPersonState = (): PersonState => ({ status: 'unregistered' });

export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  const { personId } = command.data;
  requireText(personId, 'personId');
  if (command.type === 'RegisterPerson') {
    if (state.status === 'registered') {
      throw new DomainError('PERSON_ALREADY_EXISTS', `person ${personId} is already registered`, 'personId');
    }
    requireText(command.data.name, 'name');
    return [{ type: PERSON_REGISTERED, data: command.data }];
  }
  if (state.status !== 'registered') {
    throw new DomainError('PERSON_NOT_FOUND', `person ${personId} is not registered`, 'personId');
  }
  requireText(command.data.organisationId, 'organisationId');
  requireText(command.data.role, 'role');
  const openRole = state.roles.find(
    (held) => held.until === undefined && held.organisationId === command.data.organisationId && held.role === command.data.role,
  );
  switch (command.type) {
    case 'AssumeRole':
      parseHistoricalDate(command.data.from, 'from');
      requireOneOf(command.data.level, PARTICIPATION_LEVELS, 'level');
      if (openRole) {
        throw new DomainError(
          'ROLE_ALREADY_HELD',
          `person ${personId} already holds the role ${command.data.role} in ${command.data.organisationId}`,
          'role',
        );
      }
      return [{ type: ROLE_ASSUMED, data: command.data }];
    case 'EndRole': {
      const until = parseHistoricalDate(command.data.until, 'until');
      if (!openRole) {
        throw new DomainError(
          'ROLE_NOT_FOUND',
          `person ${personId} holds no open role ${command.data.role} in ${command.data.organisationId}`,
          'role',
        );
      }
      if (isDefinitelyBefore(until, parseHistoricalDate(openRole.from))) {
        throw new DomainError('DATE_OUT_OF_ORDER', `until ${command.data.until} is before the role began (${openRole.from})`, 'until');
      }
      return [{ type: ROLE_ENDED, data: command.data }];
    }
  }
}

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  if (event.type === 'PersonRegistered') return { status: 'registered', ...event.data, roles: [] };
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'RoleAssumed': {
      const { organisationId, role, from, level } = event.data;
      return { ...state, roles: [...state.roles, { organisationId, role, from, level }] };
    }
    case 'RoleEnded': {
      const { organisationId, role, until } = event.data;
      const roles = state.roles.map((held) =>
        held.until === undefined && held.organisationId === organisationId && held.role === role ? { ...held, until } : held,
      );
      return { ...state, roles };
    }
  }
}

export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  decide: decidePerson,
  evolve: evolvePerson,
  initialState: initialPersonState,
};
