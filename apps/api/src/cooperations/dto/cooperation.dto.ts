import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COOPERATION_STAGES,
  DELEGATION_DIRECTIONS,
  FACT_FIELDS,
  FAIR_ROLES,
  type CooperationStage,
  type DelegationDirection,
  type FairRole,
  type OpenedCooperation,
  type RecordedFactType,
} from '@app/domain';
import { ParticipantDto } from '../../shared-dto/participant.dto';
import { PlaceDto } from '../../shared-dto/place.dto';
import { SourceCitationDto } from '../../shared-dto/source-citation.dto';
import { ContactOccasionDto } from './establish-contact.dto';
import { CooperationPartnerDto } from './open-cooperation.dto';

const FACT_TYPES = Object.keys(FACT_FIELDS) as RecordedFactType[];

// An entry has the fields of its type only; OpenAPI is told which types carry each one.
const carriedBy = (field: string): string =>
  `Present on ${FACT_TYPES.filter((type) => (FACT_FIELDS[type] as readonly string[]).includes(field)).join(', ')}`;

/** One recorded fact as it now stands: every correction applied, and whether it was retracted. */
export class CooperationEntryDto {
  @ApiProperty({ example: 'kazan-minister-meeting' }) entryId!: string;
  @ApiProperty({ enum: FACT_TYPES, description: 'The event that recorded it; it decides which fields follow', example: 'MeetingHeld' }) type!: RecordedFactType;
  @ApiProperty({ description: 'Retracted entries stay in history, marked', example: false }) retracted!: boolean;
  @ApiPropertyOptional({ description: carriedBy('occurredOn'), example: '2017-10' }) occurredOn?: string;
  @ApiPropertyOptional({ type: PlaceDto, description: carriedBy('place') }) place?: PlaceDto;
  @ApiPropertyOptional({ type: ContactOccasionDto, description: carriedBy('occasion') }) occasion?: ContactOccasionDto;
  @ApiPropertyOptional({ type: [ParticipantDto], description: carriedBy('participants') }) participants?: readonly ParticipantDto[];
  @ApiPropertyOptional({ description: carriedBy('summary') }) summary?: string;
  @ApiPropertyOptional({ type: [String], description: carriedBy('topics') }) topics?: readonly string[];
  @ApiPropertyOptional({ description: carriedBy('outcome') }) outcome?: string;
  @ApiPropertyOptional({ description: carriedBy('fairId'), example: 'transrussia' }) fairId?: string;
  @ApiPropertyOptional({ description: carriedBy('edition'), example: 'TransRussia 2010' }) edition?: string;
  @ApiPropertyOptional({ enum: FAIR_ROLES, description: carriedBy('role') }) role?: FairRole;
  @ApiPropertyOptional({ description: carriedBy('organisationId') }) organisationId?: string;
  @ApiPropertyOptional({ description: carriedBy('otherOrganisationId') }) otherOrganisationId?: string;
  @ApiPropertyOptional({ description: carriedBy('since'), example: '2016' }) since?: string;
  @ApiPropertyOptional({ enum: DELEGATION_DIRECTIONS, description: carriedBy('direction') }) direction?: DelegationDirection;
  @ApiPropertyOptional({ type: PlaceDto, description: carriedBy('destination') }) destination?: PlaceDto;
  @ApiPropertyOptional({ description: carriedBy('purpose') }) purpose?: string;
  @ApiPropertyOptional({ description: carriedBy('opportunityId') }) opportunityId?: string;
  @ApiPropertyOptional({ description: carriedBy('title') }) title?: string;
  @ApiPropertyOptional({ description: carriedBy('description') }) description?: string;
  @ApiPropertyOptional({ type: SourceCitationDto, description: 'Where the fact comes from, on any type' }) source?: SourceCitationDto;
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
