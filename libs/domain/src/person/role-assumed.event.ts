import { HistoricalDateText } from '../shared/historical-date';
import { DomainEvent } from '../shared/message';
import { ParticipationLevel } from '../shared/participation-level';

export const ROLE_ASSUMED = 'RoleAssumed';

export interface RoleAssumedData {
  readonly personId: string;
  readonly organisationId: string;
  /** As the organisation calls it: 'President', 'Minister of Transport', 'Chair'. */
  readonly role: string;
  readonly from: HistoricalDateText;
  readonly level: ParticipationLevel;
}

export type RoleAssumed = DomainEvent<typeof ROLE_ASSUMED, RoleAssumedData>;
