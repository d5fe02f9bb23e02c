import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { ACCESS_ROLES, ACTOR_ID_PATTERN, type AccessRole } from '@app/domain';
import { CommandBodyDto } from '../../shared-dto/command-body.dto';
import { IsOneOf } from '../../shared-dto/text';
import { Optional } from '../../shared-dto/optional';

export class IssueTokenDto extends CommandBodyDto {
  @ApiProperty({ description: 'Who acts with the token: the actor id of every event it writes', example: 'anna.schmidt', pattern: ACTOR_ID_PATTERN.source })
  @IsString()
  @Matches(ACTOR_ID_PATTERN, { message: 'subject must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ - / + =' })
  subject!: string;

  @IsOneOf(ACCESS_ROLES, { example: 'editor', description: 'viewer: queries; editor: also commands; auditor: queries and the audit trail; admin: everything' })
  role!: AccessRole;

  @ApiPropertyOptional({ description: 'When the token stops working (ISO 8601 with time zone); absent: until revoked', example: '2027-06-30T00:00:00Z' })
  @Optional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 timestamp, e.g. 2027-06-30T00:00:00Z' })
  expiresAt?: string;
}
