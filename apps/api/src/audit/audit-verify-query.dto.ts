import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `GET /audit/verify`: the whole log, or only what came after a checkpoint signed earlier. */
export class AuditVerifyQueryDto {
  @ApiPropertyOptional({
    description: 'A checkpoint token from an earlier verification: verify only the events after it (its signature and its head at its position are checked)',
    example: 'kontakt-audit:v1:13635:13635:27:4f5c…:9a1e…',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256, { message: 'from must be a checkpoint token this API issued' })
  from?: string;

  @ApiPropertyOptional({ description: 'A published checkpoint token the log must still agree with (same head after the same number of events); verifies from the start' })
  @IsOptional()
  @IsString()
  @MaxLength(256, { message: 'checkpoint must be a checkpoint token this API issued' })
  checkpoint?: string;
}
