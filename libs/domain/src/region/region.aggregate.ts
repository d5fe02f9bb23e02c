import { DomainError } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { optionalText, requireOneOf, requireText } from '../shared/text-field';
import { RegisterRegion } from './register-region.command';
import { REGION_KINDS, REGION_REGISTERED, RegionRegistered, RegionRegisteredData } from './region-registered.event';

export type RegionCommand = RegisterRegion;
export type RegionEvent = RegionRegistered;
export type RegionState = { readonly status: 'unregistered' } | ({ readonly status: 'registered' } & RegionRegisteredData);

export const initialRegionState = (): RegionState => ({ status: 'unregistered' });

export function decideRegion(command: RegionCommand, state: RegionState): RegionEvent[] {
  const { regionId, name, kind, parentRegionId } = command.data;
  requireText(regionId, 'regionId');
  if (state.status === 'registered') {
    throw new DomainError('REGION_ALREADY_EXISTS', `region ${regionId} is already registered`, 'regionId');
  }
  requireText(name, 'name');
  requireOneOf(kind, REGION_KINDS, 'kind');
  optionalText(parentRegionId, 'parentRegionId');
  if (parentRegionId === regionId) {
    throw new DomainError('INVALID_FIELD', `region ${regionId} cannot lie within itself`, 'parentRegionId');
  }
  return [{ type: REGION_REGISTERED, data: command.data }];
}

export function evolveRegion(_state: RegionState, event: RegionEvent): RegionState {
  return { status: 'registered', ...event.data };
}

export const regionDecider: Decider<RegionCommand, RegionEvent, RegionState> = {
  decide: decideRegion,
  evolve: evolveRegion,
  initialState: initialRegionState,
};
