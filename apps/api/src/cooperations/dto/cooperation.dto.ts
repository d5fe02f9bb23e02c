import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COOPERATION_STAGES, type CooperationStage, type OpenedCooperation } from '@app/domain';
import { CooperationPartnerDto } from './open-cooperation.dto';

/** One recorded fact as it now stands: every correction applied, and whether it was retracted. */
export class CooperationEntryDto {
  @ApiProperty({ example: 'kazan-minister-meeting' }) entryId!: string;
  @ApiProperty({ description: 'The event that recorded it', example: 'MeetingHeld' }) type!: string;
  @ApiProperty({ description: 'Retracted entries stay in history, marked', example: false }) retracted!: boolean;
  // The fact's own fields (occurredOn, place, participants...) follow, as recorded by its type.
  [field: string]: unknown;
}

/** A cooperation rebuilt from its stream. */
export class CooperationDto {
  @ApiProperty({ example: 'logistics-network--tatarstan' }) id!: string;
  @ApiProperty({ example: 'logistics-network' }) ourOrganisationId!: string;
  @ApiProperty({ type: CooperationPartnerDto }) partner!: CooperationPartnerDto;
  @ApiProperty({ example: '2017-03' }) openedOn!: string;
  @ApiProperty({ enum: COOPERATION_STAGES, example: 'exploring' }) stage!: CooperationStage;
  @ApiPropertyOptional({ example: '2017-10' }) stageChangedOn?: string;
  @ApiPropertyOptional({ description: 'While dormant: the stage it may return to', enum: COOPERATION_STAGES }) leftForDormancy?: CooperationStage;
  @ApiProperty({ type: [CooperationEntryDto], description: 'Recorded facts in recording order' }) entries!: CooperationEntryDto[];
  @ApiProperty({ description: 'Events in its stream; also the ETag', example: 5 }) version!: number;

  static of(state: OpenedCooperation, version: number): CooperationDto {
    const { cooperationId, ourOrganisationId, partner, openedOn, stage, stageChangedOn, leftForDormancy } = state;
    const entries = [...state.entries.values()].map(({ fact, retracted }) => ({ ...fact.data, type: fact.type, retracted }));
    return {
      id: cooperationId,
      ourOrganisationId,
      partner,
      openedOn,
      stage,
      ...(stageChangedOn === undefined ? {} : { stageChangedOn }),
      ...(leftForDormancy === undefined ? {} : { leftForDormancy }),
      entries,
      version,
    };
  }
}
