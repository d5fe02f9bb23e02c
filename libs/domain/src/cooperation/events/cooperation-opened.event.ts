import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { CooperationPartner } from '../cooperation-partner';

export const COOPERATION_OPENED = 'CooperationOpened';

export interface CooperationOpenedData {
  readonly cooperationId: string;
  readonly ourOrganisationId: string;
  readonly partner: CooperationPartner;
  /** When the relationship began; no fact recorded on the cooperation may lie before it. */
  readonly openedOn: HistoricalDateText;
}

export type CooperationOpened = DomainEvent<typeof COOPERATION_OPENED, CooperationOpenedData>;
