import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGION_KINDS, type RegionKind, type RegionState } from '@app/domain';

/** A region as its stream tells it. */
export class RegionDto {
  @ApiProperty({ example: 'tatarstan' }) id!: string;
  @ApiProperty({ example: 'Republic of Tatarstan' }) name!: string;
  @ApiProperty({ enum: REGION_KINDS }) kind!: RegionKind;
  @ApiPropertyOptional({ example: 'russia' }) parentRegionId?: string;
  @ApiProperty({ description: 'Events in its stream; also the ETag', example: 1 }) version!: number;

  static of(state: Extract<RegionState, { status: 'registered' }>, version: number): RegionDto {
    const { regionId, name, kind, parentRegionId } = state;
    return { id: regionId, name, kind, ...(parentRegionId === undefined ? {} : { parentRegionId }), version };
  }
}
