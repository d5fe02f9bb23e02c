import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { FactBodyDto } from './fact-body.dto';

export class LinkMembershipsDto extends FactBodyDto {
  @IsEntityId({ example: 'logistics-network' })
  organisationId!: string;

  @IsEntityId({ example: 'german-russian-association' })
  otherOrganisationId!: string;

  @IsHistoricalDate({ description: 'Since when each is a member of the other', example: '2016' })
  since!: string;
}
