import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '../../shared-dto/optional';

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: check every row and report, append nothing (default false)' })
  @Optional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}
