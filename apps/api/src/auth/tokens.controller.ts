import { Body, Controller, Get, HttpCode, Param, Post, Res, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GRANT_ACCESS, REVOKE_TOKEN, type AccessEvent } from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { Access } from './access.decorator';
import { ExecuteAccessCommand } from './access-command.handler';
import { newApiToken, TOKEN_ID_PATTERN } from './api-token';
import { IssueTokenDto } from './dto/issue-token.dto';
import { RevokeTokenDto } from './dto/revoke-token.dto';
import { IssuedTokenDto, TokenDto, TokenListDto, TokenRevokedDto } from './dto/token.dto';
import { TokenTable } from './token-table';

/** A token id from the URL path; a malformed one is a 400 naming the parameter. */
class TokenIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!TOKEN_ID_PATTERN.test(value)) throw Problem.badRequest('path parameter id must be a token id: 16 lower-case hex digits', 'id');
    return value;
  }
}

/** Admins issue, list and revoke API tokens; each issue and revocation is an event in the access stream. */
@ApiTags('access')
@Access('admin')
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly table: TokenTable,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Issues an API token; the answer shows it this once (AccessGranted)' })
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: IssuedTokenDto })
  async issue(
    @Body() body: IssueTokenDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedTokenDto> {
    refuseRetryHeaders(context);
    const issued = newApiToken();
    const { subject, role, expiresAt } = body;
    const outcome = await this.execute(
      { type: GRANT_ACCESS, data: { tokenId: issued.tokenId, subject, role, secretSha256: issued.secretSha256, issuedAt: new Date().toISOString(), ...(expiresAt === undefined ? {} : { expiresAt }) } },
      context,
    );
    // The secret is in this answer: no cache may keep it (RFC 9111 §5.2.2.5).
    void reply.header('cache-control', 'no-store').header('location', `/tokens/${issued.tokenId}`);
    return { ...this.describe(issued.tokenId), token: issued.token, eventIds: outcome.eventIds };
  }

  @Get()
  @ApiOperation({ summary: 'Lists every API token ever issued, without secrets' })
  @ApiRead()
  @ApiOkResponse({ type: TokenListDto })
  list(): TokenListDto {
    const now = Date.now();
    return { tokens: this.table.list().map((token) => TokenDto.of(token, now)) };
  }

  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: TokenDto })
  get(@Param('id', new TokenIdPipe()) id: string): TokenDto {
    return this.describe(id);
  }

  /** Revoked at once in this API, within moments in every other replica (they follow the access stream). */
  @Post(':id/revocation')
  @HttpCode(201)
  @ApiOperation({ summary: 'Revokes an API token (TokenRevoked); requests with it are refused from now on' })
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: TokenRevokedDto })
  async revoke(
    @Param('id', new TokenIdPipe()) id: string,
    @Body() _body: RevokeTokenDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<TokenRevokedDto> {
    refuseRetryHeaders(context);
    const outcome = await this.execute({ type: REVOKE_TOKEN, data: { tokenId: id } }, context);
    return { ...this.describe(id), eventIds: outcome.eventIds };
  }

  private execute(command: ExecuteAccessCommand['command'], context: CommandContext): Promise<CommandOutcome<AccessEvent>> {
    return this.commandBus.execute<ExecuteAccessCommand, CommandOutcome<AccessEvent>>(new ExecuteAccessCommand(command, context));
  }

  private describe(id: string): TokenDto {
    const token = this.table.get(id);
    if (token === undefined) throw new Problem(404, 'TOKEN_NOT_FOUND', `no token ${id}`, 'id');
    return TokenDto.of(token);
  }
}

/**
 * A replayed issue could not show the token again (only its digest is kept), and the access stream's version means
 * nothing to a caller: both headers are refused here rather than silently ignored.
 */
function refuseRetryHeaders(context: CommandContext): void {
  if (context.idempotency !== undefined) {
    throw Problem.badRequest('header Idempotency-Key is not accepted here: a token is shown only once, so a retry cannot be answered with it', 'Idempotency-Key');
  }
  if (context.expectedVersion !== undefined) throw Problem.badRequest('header If-Match is not accepted here', 'If-Match');
}
