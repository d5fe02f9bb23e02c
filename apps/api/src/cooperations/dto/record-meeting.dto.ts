import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_NAME_LENGTH, MAX_PARTICIPANTS, MAX_TOPICS } from '@app/domain';
import { IsHistoricalDate } from '../../shared-dto/historical-date';
import { IsNested } from '../../shared-dto/nested';
import { ParticipantDto } from '../../shared-dto/participant.dto';
import { PlaceDto } from '../../shared-dto/place.dto';
import { IsText } from '../../shared-dto/text';
import { FactBodyDto } from './fact-body.dto';

export class RecordMeetingDto extends FactBodyDto {
  @IsHistoricalDate({ example: '2017-10' })
  occurredOn!: string;

  @IsNested(() => PlaceDto)
  place!: PlaceDto;

  @IsNested(() => ParticipantDto, { array: true, minItems: 1, maxItems: MAX_PARTICIPANTS, description: 'Who took part, with their role and level' })
  participants!: ParticipantDto[];

  @ApiProperty({ type: [String], maxItems: MAX_TOPICS, example: ['logistics cooperation'] })
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_NAME_LENGTH, { each: true })
  topics!: string[];

  @IsText({ optional: true, long: true, example: 'Both sides agreed to explore cooperation' })
  outcome?: string;
}
