import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Optional } from '../shared-dto/optional';

// A v2 token is at most 17 + 20 + 20 + 15 + 3 × 64 characters and six separators: 270.
const MAX_TOKEN_LENGTH = 320;

/** `GET /audit/verify`: the whole log, or only what came after a checkpoint signed earlier. */
export class AuditVerifyQueryDto {
  @ApiPropertyOptional({
    description: 'A checkpoint token from an earlier verification: verify only the events after it (its signature and its head at its position are checked; a v1 token is checked by a full verification)',
    example: 'kontakt-audit:v2:13635:13635:27:4f5c…:c0d2…:9a1e…',
  })
  @Optional()
  @IsString()
  @MaxLength(MAX_TOKEN_LENGTH, { message: 'from must be a checkpoint token this API issued' })
  from?: string;

  @ApiPropertyOptional({ description: 'A published checkpoint token the log must still agree with (same head after the same number of events); verifies from the start' })
  @Optional()
  @IsString()
  @MaxLength(MAX_TOKEN_LENGTH, { message: 'checkpoint must be a checkpoint token this API issued' })
  checkpoint?: string;
}
