import { ApiProperty } from '@nestjs/swagger';
import { FAIR_RECURRENCES, type FairRecurrence, type FairState } from '@app/domain';

export class FairDto {
  @ApiProperty({ example: 'transrussia' }) id!: string;
  @ApiProperty({ example: 'TransRussia' }) name!: string;
  @ApiProperty({ example: 'moscow' }) regionId!: string;
  @ApiProperty({ enum: FAIR_RECURRENCES }) recurrence!: FairRecurrence;
  @ApiProperty({ description: 'Events in its stream; also the ETag', example: 1 }) version!: number;

  static of(state: Extract<FairState, { status: 'registered' }>, version: number): FairDto {
    return { id: state.fairId, name: state.name, regionId: state.regionId, recurrence: state.recurrence, version };
  }
}
