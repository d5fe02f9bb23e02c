import { DomainError } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { optionalText, requireOneOf, requireText } from '../shared/text-field';
import {
  ORGANISATION_KINDS,
  ORGANISATION_REGISTERED,
  OrganisationRegistered,
  OrganisationRegisteredData,
} from './organisation-registered.event';
import { ORGANISATION_RENAMED, OrganisationRenamed } from './organisation-renamed.event';
import { RegisterOrganisation } from './register-organisation.command';
import { RenameOrganisation } from './rename-organisation.command';

export type OrganisationCommand = RegisterOrganisation | RenameOrganisation;
export type OrganisationEvent = OrganisationRegistered | OrganisationRenamed;
export type OrganisationState =
  | { readonly status: 'unregistered' }
  | ({ readonly status: 'registered' } & OrganisationRegisteredData);

export const initialOrganisationState = (): OrganisationState => ({ status: 'unregistered' });

export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  const { organisationId } = command.data;
  requireText(organisationId, 'organisationId');
  switch (command.type) {
    case 'RegisterOrganisation': {
      if (state.status === 'registered') {
        throw new DomainError('ORGANISATION_ALREADY_EXISTS', `organisation ${organisationId} is already registered`, 'organisationId');
      }
      const { name, kind, regionId, memberCount } = command.data;
      requireText(name, 'name');
      requireOneOf(kind, ORGANISATION_KINDS, 'kind');
      optionalText(regionId, 'regionId');
      if (memberCount !== undefined && !(Number.isSafeInteger(memberCount) && memberCount >= 0)) {
        throw new DomainError('INVALID_FIELD', 'memberCount must be a whole number, zero or more', 'memberCount');
      }
      return [{ type: ORGANISATION_REGISTERED, data: command.data }];
    }
    case 'RenameOrganisation': {
      if (state.status !== 'registered') {
        throw new DomainError('ORGANISATION_NOT_FOUND', `organisation ${organisationId} is not registered`, 'organisationId');
      }
      requireText(command.data.name, 'name');
      if (command.data.name === state.name) {
        throw new DomainError('INVALID_FIELD', `organisation ${organisationId} is already called ${state.name}`, 'name');
      }
      return [{ type: ORGANISATION_RENAMED, data: command.data }];
    }
  }
}

export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationRegistered':
      return { status: 'registered', ...event.data };
    case 'OrganisationRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
  }
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};
