import { COOPERATION_STAGES, type CooperationStage } from '@app/domain';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsOneOf, IsText } from '../../shared-dto/text';

/** The stage it changes from is the cooperation's to know: contact → exploring → active → formal-partnership, dormant, ended. */
export class ChangeStageDto {
  @IsOneOf(COOPERATION_STAGES, { example: 'exploring' })
  to!: CooperationStage;

  @IsHistoricalDate({ example: '2017-10' })
  occurredOn!: string;

  @IsText({ optional: true, long: true, example: 'Second exchange in Kazan' })
  reason?: string;
}
