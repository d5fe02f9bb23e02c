import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsText } from '../../shared-dto/text';

export class RenameOrganisationDto extends CommandBodyDto {
  @IsText({ example: 'Logistik-Netzwerk Mitteldeutschland' })
  name!: string;
}
