import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsText } from '../../shared-dto/text';

export class EndRoleDto extends CommandBodyDto {
  @IsEntityId({ example: 'tatarstan-transport-ministry' })
  organisationId!: string;

  @IsText({ example: 'Minister of Transport' })
  role!: string;

  @IsHistoricalDate({ description: 'Until when', example: '2021' })
  until!: string;
}
