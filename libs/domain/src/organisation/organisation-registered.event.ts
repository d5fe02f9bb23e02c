import { DomainEvent } from '../shared/message';

export const ORGANISATION_KINDS = [
  'network',
  'member-company',
  'ministry',
  'association',
  'fair-organiser',
  'government',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_REGISTERED = 'OrganisationRegistered';

export interface OrganisationRegisteredData {
  readonly organisationId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly regionId?: string;
  /** For networks and associations: how many members they have (the press says "~130 member companies"). */
  readonly memberCount?: number;
}

export type OrganisationRegistered = DomainEvent<typeof ORGANISATION_REGISTERED, OrganisationRegisteredData>;
