import { HistoricalDateText } from '../shared/historical-date';
import { DomainEvent } from '../shared/message';

export const ROLE_ENDED = 'RoleEnded';

export interface RoleEndedData {
  readonly personId: string;
  readonly organisationId: string;
  readonly role: string;
  readonly until: HistoricalDateText;
}

export type RoleEnded = DomainEvent<typeof ROLE_ENDED, RoleEndedData>;
