import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_ROLES, type AccessRole } from '@app/domain';
import type { IssuedToken } from '../token-table';

class ActorDto {
  @ApiProperty({ example: 'admin' }) id!: string;
  @ApiProperty({ example: 'admin' }) role!: string;
}

export const TOKEN_STATUSES = ['active', 'expired', 'revoked'] as const;

/** An API token as listed: never its secret, nor the digest of it. */
export class TokenDto {
  @ApiProperty({ example: '3f9c2a7d51e04b6a' }) id!: string;
  @ApiProperty({ example: 'anna.schmidt' }) subject!: string;
  @ApiProperty({ enum: ACCESS_ROLES }) role!: AccessRole;
  @ApiProperty({ enum: TOKEN_STATUSES }) status!: (typeof TOKEN_STATUSES)[number];
  @ApiProperty({ description: 'When it was issued (the event was recorded)' }) issuedAt!: string;
  @ApiProperty({ type: ActorDto }) issuedBy!: ActorDto;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() expiresAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional({ type: ActorDto }) revokedBy?: ActorDto;
  @ApiPropertyOptional() revocationReason?: string;

  static of(token: IssuedToken, now = Date.now()): TokenDto {
    const status = token.revoked !== undefined ? 'revoked' : token.expiresAtMs !== undefined && now >= token.expiresAtMs ? 'expired' : 'active';
    return {
      id: token.tokenId,
      subject: token.subject,
      role: token.role,
      status,
      issuedAt: token.issuedAt,
      issuedBy: token.issuedBy,
      ...(token.reason === undefined ? {} : { reason: token.reason }),
      ...(token.expiresAt === undefined ? {} : { expiresAt: token.expiresAt }),
      ...(token.revoked === undefined
        ? {}
        : { revokedAt: token.revoked.at, revokedBy: token.revoked.by, ...(token.revoked.reason === undefined ? {} : { revocationReason: token.revoked.reason }) }),
    };
  }
}

export class TokenListDto {
  @ApiProperty({ type: [TokenDto] }) tokens!: TokenDto[];
}

/** The answer to issuing: the token itself, this once, and what was appended. */
export class IssuedTokenDto extends TokenDto {
  @ApiProperty({ description: 'The bearer token. Shown only in this answer: it is not stored, only a digest of it', example: 'kt_3f9c2a7d51e04b6a_…' })
  token!: string;

  @ApiProperty({ type: [String], description: 'Ids of the appended events (AccessGranted)' }) eventIds!: string[];
}

export class TokenRevokedDto extends TokenDto {
  @ApiProperty({ type: [String], description: 'Ids of the appended events (TokenRevoked)' }) eventIds!: string[];
}
