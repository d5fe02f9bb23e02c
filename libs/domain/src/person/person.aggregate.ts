import { DomainError } from '../shared/domain-error';
import { isDefinitelyBefore, parseHistoricalDate } from '../shared/historical-date';
import { Decider } from '../shared/decider';
import { PARTICIPATION_LEVELS } from '../shared/participation-level';
import { MAX_TEXT_LENGTH, optionalText, requireOneOf, requireText } from '../shared/text-field';
import { AssumeRole } from './assume-role.command';
import { EndRole } from './end-role.command';
import { ErasePerson } from './erase-person.command';
import { PERSON_ERASED, PersonErased } from './person-erased.event';
import { PERSON_REGISTERED, PersonRegistered } from './person-registered.event';
import { RegisterPerson } from './register-person.command';
import { ROLE_ASSUMED, RoleAssumed, RoleAssumedData } from './role-assumed.event';
import { ROLE_ENDED, RoleEnded } from './role-ended.event';

export type PersonCommand = RegisterPerson | AssumeRole | EndRole | ErasePerson;
export type PersonEvent = PersonRegistered | RoleAssumed | RoleEnded | PersonErased;

export interface RoleHeld extends Omit<RoleAssumedData, 'personId'> {
  readonly until?: string;
}

export type PersonState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly personId: string;
      readonly name: string;
      readonly email?: string;
      readonly phone?: string;
      readonly roles: readonly RoleHeld[];
    }
  /** Erased: the personal fields are gone, from the state as from every reader of the events; the roles stay. */
  | { readonly status: 'erased'; readonly personId: string; readonly roles: readonly RoleHeld[] };

export const initialPersonState = (): PersonState => ({ status: 'unregistered' });

export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  const { personId } = command.data;
  requireText(personId, 'personId');
  if (command.type === 'RegisterPerson') {
    if (state.status !== 'unregistered') {
      throw new DomainError('PERSON_ALREADY_EXISTS', `person ${personId} is already registered`, 'personId');
    }
    requireText(command.data.name, 'name');
    optionalText(command.data.email, 'email');
    optionalText(command.data.phone, 'phone');
    return [{ type: PERSON_REGISTERED, data: command.data }];
  }
  if (state.status === 'unregistered') {
    throw new DomainError('PERSON_NOT_FOUND', `person ${personId} is not registered`, 'personId');
  }
  if (state.status === 'erased') {
    const code = command.type === 'ErasePerson' ? 'PERSON_ALREADY_ERASED' : 'PERSON_ERASED';
    throw new DomainError(code, `person ${personId} was erased`, 'personId');
  }
  if (command.type === 'ErasePerson') {
    requireText(command.data.reason, 'reason', MAX_TEXT_LENGTH);
    return [{ type: PERSON_ERASED, data: { personId, reason: command.data.reason } }];
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
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'PersonErased':
      return { status: 'erased', personId: state.personId, roles: state.roles };
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
