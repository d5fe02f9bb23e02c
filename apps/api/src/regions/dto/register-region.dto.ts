import { REGION_KINDS, type RegionKind } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsOneOf, IsText } from '../../shared-dto/text';

export class RegisterRegionDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id to give the region; generated when absent', example: 'tatarstan' })
  id?: string;

  @IsText({ example: 'Republic of Tatarstan' })
  name!: string;

  @IsOneOf(REGION_KINDS, { example: 'federal-subject' })
  kind!: RegionKind;

  @IsEntityId({ optional: true, description: 'The region this one lies in', example: 'russia' })
  parentRegionId?: string;
}
