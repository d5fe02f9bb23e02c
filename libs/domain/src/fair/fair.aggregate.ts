import { DomainError } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { requireOneOf, requireText } from '../shared/text-field';
import { FAIR_RECURRENCES, FAIR_REGISTERED, FairRegistered, FairRegisteredData } from './fair-registered.event';
import { RegisterFair } from './register-fair.command';

export type FairCommand = RegisterFair;
export type FairEvent = FairRegistered;
export type FairState = { readonly status: 'unregistered' } | ({ readonly status: 'registered' } & FairRegisteredData);

export const initialFairState = (): FairState => ({ status: 'unregistered' });

export function decideFair(command: FairCommand, state: FairState): FairEvent[] {
  const { fairId, name, regionId, recurrence } = command.data;
  requireText(fairId, 'fairId');
  if (state.status === 'registered') {
    throw new DomainError('FAIR_ALREADY_EXISTS', `fair ${fairId} is already registered`, 'fairId');
  }
  requireText(name, 'name');
  requireText(regionId, 'regionId');
  requireOneOf(recurrence, FAIR_RECURRENCES, 'recurrence');
  return [{ type: FAIR_REGISTERED, data: command.data }];
}

export function evolveFair(_state: FairState, event: FairEvent): FairState {
  return { status: 'registered', ...event.data };
}

export const fairDecider: Decider<FairCommand, FairEvent, FairState> = {
  decide: decideFair,
  evolve: evolveFair,
  initialState: initialFairState,
};
