import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsText } from '../../shared-dto/text';
import { FactBodyDto } from './fact-body.dto';

export class IdentifyOpportunityDto extends FactBodyDto {
  @IsEntityId({ optional: true, description: 'The id of the opportunity; generated when absent', example: 'kazan-rail-terminal' })
  opportunityId?: string;

  @IsText({ example: 'Rail-road terminal partnership' })
  title!: string;

  @IsHistoricalDate({ example: '2018' })
  occurredOn!: string;

  @IsText({ optional: true, long: true })
  description?: string;
}
