import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type OrganisationKind, type OrganisationState } from '@app/domain';

/** An organisation as its stream tells it. */
export class OrganisationDto {
  @ApiProperty({ example: 'logistics-network' }) id!: string;
  @ApiProperty({ description: 'Its current name', example: 'Netzwerk Logistik Leipzig-Halle' }) name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiPropertyOptional({ example: 'leipzig-halle' }) regionId?: string;
  @ApiPropertyOptional({ example: 130 }) memberCount?: number;
  @ApiProperty({ description: 'Events in its stream; also the ETag', example: 1 }) version!: number;

  static of(state: Extract<OrganisationState, { status: 'registered' }>, version: number): OrganisationDto {
    const { organisationId, name, kind, regionId, memberCount } = state;
    return {
      id: organisationId,
      name,
      kind,
      ...(regionId === undefined ? {} : { regionId }),
      ...(memberCount === undefined ? {} : { memberCount }),
      version,
    };
  }
}
