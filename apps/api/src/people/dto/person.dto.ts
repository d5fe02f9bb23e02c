import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTICIPATION_LEVELS, type ParticipationLevel, type PersonState } from '@app/domain';
import { ERASED_PERSON_NAME } from '@app/personal-data';

export class RoleHeldDto {
  @ApiProperty({ example: 'tatarstan-government' }) organisationId!: string;
  @ApiProperty({ example: 'President' }) role!: string;
  @ApiProperty({ example: '2010-03' }) from!: string;
  @ApiPropertyOptional({ description: 'Absent while the role is held', example: '2021' }) until?: string;
  @ApiProperty({ enum: PARTICIPATION_LEVELS }) level!: ParticipationLevel;
}

/** A person and the roles they held, as their stream tells it. */
export class PersonDto {
  @ApiProperty({ example: 'president-tatarstan' }) id!: string;
  @ApiProperty({ description: `Once erased: "${ERASED_PERSON_NAME}"`, example: 'Rustam Minnikhanov' }) name!: string;
  @ApiPropertyOptional({ example: 'office@example.org' }) email?: string;
  @ApiPropertyOptional({ example: '+7 843 264-77-00' }) phone?: string;
  @ApiPropertyOptional({ description: 'Present, true, once the person was erased', example: true }) erased?: true;
  @ApiProperty({ type: [RoleHeldDto] }) roles!: RoleHeldDto[];
  @ApiProperty({ description: 'Events in its stream; also the ETag', example: 2 }) version!: number;

  static of(state: Exclude<PersonState, { status: 'unregistered' }>, version: number): PersonDto {
    const roles = state.roles.map(({ organisationId, role, from, until, level }) => ({
      organisationId,
      role,
      from,
      ...(until === undefined ? {} : { until }),
      level,
    }));
    if (state.status === 'erased') return { id: state.personId, name: ERASED_PERSON_NAME, erased: true, roles, version };
    const { personId, name, email, phone } = state;
    return { id: personId, name, ...(email === undefined ? {} : { email }), ...(phone === undefined ? {} : { phone }), roles, version };
  }
}
