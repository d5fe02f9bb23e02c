import { MAX_PARTICIPANTS, type ContactOccasion } from '@app/domain';
import { IsEntityId } from '../../shared-dto/entity-id';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsNested } from '../../shared-dto/nested';
import { ParticipantDto } from '../../shared-dto/participant.dto';
import { PlaceDto } from '../../shared-dto/place.dto';
import { IsText } from '../../shared-dto/text';
import { FactBodyDto } from './fact-body.dto';

export class ContactOccasionDto implements ContactOccasion {
  @IsText({ example: 'Intec and Z 2017, visit of the President of Tatarstan' })
  name!: string;

  @IsEntityId({ optional: true, example: 'intec-z' })
  fairId?: string;
}

export class EstablishContactDto extends FactBodyDto {
  @IsHistoricalDate({ example: '2017-03' })
  occurredOn!: string;

  @IsNested(() => PlaceDto, { optional: true })
  place?: PlaceDto;

  @IsNested(() => ContactOccasionDto, { optional: true, description: 'What brought the two sides together' })
  occasion?: ContactOccasionDto;

  @IsNested(() => ParticipantDto, { array: true, minItems: 1, maxItems: MAX_PARTICIPANTS })
  participants!: ParticipantDto[];

  @IsText({ long: true, example: 'First contact during the President’s visit to the fairs' })
  summary!: string;
}
