import { DomainCommand } from '../shared/message';
import { OrganisationRenamedData } from './organisation-renamed.event';

export const RENAME_ORGANISATION = 'RenameOrganisation';
export type RenameOrganisation = DomainCommand<typeof RENAME_ORGANISATION, OrganisationRenamedData>;
