import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTICIPATION_LEVELS, type ParticipationLevel, type PersonState } from '@app/domain';

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
  @ApiProperty({ example: 'Rustam Minnikhanov' }) name!: string;
  @ApiProperty({ type: [RoleHeldDto] }) roles!: RoleHeldDto[];
  @ApiProperty({ description: 'Events in its stream; also the ETag', example: 2 }) version!: number;

  static of(state: Extract<PersonState, { status: 'registered' }>, version: number): PersonDto {
    const roles = state.roles.map(({ organisationId, role, from, until, level }) => ({
      organisationId,
      role,
      from,
      ...(until === undefined ? {} : { until }),
      level,
    }));
    return { id: state.personId, name: state.name, roles, version };
  }
}
