import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_FACTS } from '../import-facts';

const FACTS = [...IMPORT_FACTS.values()];
const ABOUT = 'For a fact about an entity recorded before, the entity it is about:';

/**
 * One row of a JSON import, for the OpenAPI document (rows are validated by the DTO of their fact, not by this class):
 * `fact` and the body of the fact's route.
 */
export class ImportRowDto {
  @ApiProperty({
    enum: FACTS.map((fact) => fact.name),
    description: `The fact the row records; the other fields are the body of its route: ${FACTS.map((fact) => `${fact.name} → POST ${fact.route(fact.target && `{${fact.target}}`)}`).join(', ')}`,
    example: 'MeetingHeld',
  })
  fact!: string;

  @ApiPropertyOptional({ description: `${ABOUT} a cooperation (the route's {id})`, example: 'logistics-network--tatarstan' })
  cooperationId?: string;

  @ApiPropertyOptional({ description: `${ABOUT} a person: RoleAssumed, RoleEnded`, example: 'president-tatarstan' })
  personId?: string;

  @ApiPropertyOptional({ description: `${ABOUT} an organisation: OrganisationRenamed (other facts have an organisationId of their own)`, example: 'logistics-network' })
  organisationId?: string;
}
