import { FAIR_RECURRENCES, type FairRecurrence } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsOneOf, IsText } from '../../shared-dto/text';

export class RegisterFairDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id to give the fair; generated when absent', example: 'transrussia' })
  id?: string;

  @IsText({ example: 'TransRussia' })
  name!: string;

  @IsEntityId({ description: 'Where the fair takes place', example: 'moscow' })
  regionId!: string;

  @IsOneOf(FAIR_RECURRENCES, { example: 'annual' })
  recurrence!: FairRecurrence;
}
