import { DomainCommand } from '../shared/message';
import { OrganisationRegisteredData } from './organisation-registered.event';

export const REGISTER_ORGANISATION = 'RegisterOrganisation';
export type RegisterOrganisation = DomainCommand<typeof REGISTER_ORGANISATION, OrganisationRegisteredData>;
