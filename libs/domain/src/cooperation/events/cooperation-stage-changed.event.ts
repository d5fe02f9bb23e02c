import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { CooperationStage } from '../cooperation-stage';

export const COOPERATION_STAGE_CHANGED = 'CooperationStageChanged';

export interface CooperationStageChangedData {
  readonly from: CooperationStage;
  readonly to: CooperationStage;
  readonly occurredOn: HistoricalDateText;
  readonly reason?: string;
}

export type CooperationStageChanged = DomainEvent<typeof COOPERATION_STAGE_CHANGED, CooperationStageChangedData>;
