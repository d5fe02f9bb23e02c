import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ORGANISATION_KINDS, type OrganisationKind } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsOneOf, IsText } from '../../shared-dto/text';
import { Optional } from '../../shared-dto/optional';

export class RegisterOrganisationDto extends CommandBodyDto {
  @IsEntityId({ optional: true, description: 'The id to give the organisation; generated when absent', example: 'logistics-network' })
  id?: string;

  @IsText({ example: 'Netzwerk Logistik Leipzig-Halle' })
  name!: string;

  @IsOneOf(ORGANISATION_KINDS, { example: 'network' })
  kind!: OrganisationKind;

  @IsEntityId({ optional: true, description: 'Where the organisation is based', example: 'leipzig-halle' })
  regionId?: string;

  @ApiPropertyOptional({ description: 'For networks and associations: how many members they have', example: 130, minimum: 0 })
  @Optional()
  @IsInt({ message: 'memberCount must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  memberCount?: number;
}
