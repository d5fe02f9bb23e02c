import { PARTICIPATION_LEVELS, type ParticipationLevel } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsOneOf, IsText } from '../../shared-dto/text';

export class AssumeRoleDto extends CommandBodyDto {
  @IsEntityId({ description: 'The organisation the role is held in', example: 'tatarstan-government' })
  organisationId!: string;

  @IsText({ description: 'As the organisation calls it', example: 'President' })
  role!: string;

  @IsHistoricalDate({ description: 'Since when, with the precision the source gives', example: '2010-03' })
  from!: string;

  @IsOneOf(PARTICIPATION_LEVELS, { description: 'The protocol level the role carries', example: 'head-of-state' })
  level!: ParticipationLevel;
}
