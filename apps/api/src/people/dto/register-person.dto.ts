import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsText } from '../../shared-dto/text';

export class RegisterPersonDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id to give the person; generated when absent', example: 'president-tatarstan' })
  id?: string;

  @IsText({ example: 'Rustam Minnikhanov' })
  name!: string;
}
