import { HistoricalDateText } from '../../shared/historical-date';
import { DomainCommand } from '../../shared/message';
import { CooperationStage } from '../cooperation-stage';

export const CHANGE_STAGE = 'ChangeStage';

/** The stage it changes from is the aggregate's to know, not the caller's. */
export type ChangeStage = DomainCommand<
  typeof CHANGE_STAGE,
  { readonly cooperationId: string; readonly to: CooperationStage; readonly occurredOn: HistoricalDateText; readonly reason?: string }
>;
