import { DomainEvent } from '../shared/message';

export const FAIR_RECURRENCES = ['annual', 'biennial', 'one-off', 'other'] as const;
export type FairRecurrence = (typeof FAIR_RECURRENCES)[number];

export const FAIR_REGISTERED = 'FairRegistered';

export interface FairRegisteredData {
  readonly fairId: string;
  readonly name: string;
  /** Where the fair takes place: TransRussia in Moscow, Intec and Z in Leipzig. */
  readonly regionId: string;
  readonly recurrence: FairRecurrence;
}

export type FairRegistered = DomainEvent<typeof FAIR_REGISTERED, FairRegisteredData>;
