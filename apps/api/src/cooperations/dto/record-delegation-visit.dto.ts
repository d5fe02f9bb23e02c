import { DELEGATION_DIRECTIONS, MAX_PARTICIPANTS, type DelegationDirection } from '@app/domain';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsNested } from '../../shared-dto/nested';
import { ParticipantDto } from '../../shared-dto/participant.dto';
import { PlaceDto } from '../../shared-dto/place.dto';
import { IsOneOf, IsText } from '../../shared-dto/text';
import { FactBodyDto } from './fact-body.dto';

export class RecordDelegationVisitDto extends FactBodyDto {
  @IsOneOf(DELEGATION_DIRECTIONS, { description: 'outbound: our delegation travelled; inbound: the partner’s came to us', example: 'outbound' })
  direction!: DelegationDirection;

  @IsHistoricalDate({ example: '2017-10' })
  occurredOn!: string;

  @IsNested(() => PlaceDto)
  destination!: PlaceDto;

  @IsNested(() => ParticipantDto, { array: true, minItems: 1, maxItems: MAX_PARTICIPANTS })
  participants!: ParticipantDto[];

  @IsText({ long: true, example: 'Second exchange, to explore cooperation' })
  purpose!: string;
}
