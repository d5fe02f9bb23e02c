import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { FairEvent } from '@app/domain';
import { commandAccepted, CommandAcceptedDto } from '../commands/command-accepted.dto';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { newId } from '../commands/new-id';
import { registerFair } from './fair-commands';
import { readEntity } from '../commands/read-entity';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { FairDto } from './dto/fair.dto';
import { RegisterFairDto } from './dto/register-fair.dto';
import { ExecuteFairCommand } from './fair-command.handler';
import { FairRepository } from './fair.repository';
import { Access } from '../auth/access.decorator';

@ApiTags('fairs')
@Controller('fairs')
export class FairsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly fairs: FairRepository,
  ) {}

  /** Records a fair: TransRussia in Moscow, Intec and Z in Leipzig. */
  @Access('command')
  @Post()
  @HttpCode(201)
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async register(
    @Body() body: RegisterFairDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    const fairId = body.id ?? newId('fair', context);
    const outcome = await this.commandBus.execute<ExecuteFairCommand, CommandOutcome<FairEvent>>(
      new ExecuteFairCommand(fairId, registerFair(body, fairId), context),
    );
    return commandAccepted(reply, outcome, `/fairs/${fairId}`);
  }

  @Access('query')
  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: FairDto })
  async get(@Param('id', new EntityIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<FairDto> {
    return readEntity(this.fairs, id, reply, (state, version) => (state.status === 'registered' ? FairDto.of(state, version) : undefined));
  }
}
