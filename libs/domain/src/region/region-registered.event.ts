import { DomainEvent } from '../shared/message';

export const REGION_KINDS = ['country', 'federal-subject', 'state', 'metropolitan-region', 'city', 'other'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const REGION_REGISTERED = 'RegionRegistered';

export interface RegionRegisteredData {
  readonly regionId: string;
  readonly name: string;
  readonly kind: RegionKind;
  /** The region this one lies in: Russia › Tatarstan › Kazan. */
  readonly parentRegionId?: string;
}

export type RegionRegistered = DomainEvent<typeof REGION_REGISTERED, RegionRegisteredData>;
