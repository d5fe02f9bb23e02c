import { DomainCommand } from '../shared/message';
import { RegionRegisteredData } from './region-registered.event';

export const REGISTER_REGION = 'RegisterRegion';
export type RegisterRegion = DomainCommand<typeof REGISTER_REGION, RegionRegisteredData>;
