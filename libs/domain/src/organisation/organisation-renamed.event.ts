import { DomainEvent } from '../shared/message';

export const ORGANISATION_RENAMED = 'OrganisationRenamed';

export interface OrganisationRenamedData {
  readonly organisationId: string;
  readonly name: string;
}

export type OrganisationRenamed = DomainEvent<typeof ORGANISATION_RENAMED, OrganisationRenamedData>;
