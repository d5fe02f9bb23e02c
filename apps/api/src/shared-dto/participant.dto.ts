import { PARTICIPATION_LEVELS, type Participant, type ParticipationLevel } from '@app/domain';
import { IsEntityId } from './entity-id';
import { IsOneOf, IsText } from './text';

/** Someone who took part; known people and organisations are linked by id. */
export class ParticipantDto implements Participant {
  @IsEntityId({ optional: true, example: 'rustam-minnikhanov' })
  personId?: string;

  @IsText({ example: 'Rustam Minnikhanov' })
  name!: string;

  @IsEntityId({ optional: true, example: 'republic-of-tatarstan' })
  organisationId?: string;

  @IsText({ optional: true, description: 'The role as said at the time', example: 'President of the Republic of Tatarstan' })
  role?: string;

  @IsOneOf(PARTICIPATION_LEVELS, { example: 'head-of-state' })
  level!: ParticipationLevel;
}
