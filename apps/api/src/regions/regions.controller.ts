import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RegionEvent } from '@app/domain';
import { commandAccepted, CommandAcceptedDto } from '../commands/command-accepted.dto';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { newId } from '../commands/new-id';
import { registerRegion } from './region-commands';
import { readEntity } from '../commands/read-entity';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { RegionDto } from './dto/region.dto';
import { RegisterRegionDto } from './dto/register-region.dto';
import { ExecuteRegionCommand } from './region-command.handler';
import { RegionRepository } from './region.repository';
import { Access } from '../auth/access.decorator';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly regions: RegionRepository,
  ) {}

  /** Records a region: Russia, Tatarstan within Russia, Kazan within Tatarstan. */
  @Access('command')
  @Post()
  @HttpCode(201)
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async register(
    @Body() body: RegisterRegionDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    const regionId = body.id ?? newId('region', context);
    const outcome = await this.commandBus.execute<ExecuteRegionCommand, CommandOutcome<RegionEvent>>(
      new ExecuteRegionCommand(regionId, registerRegion(body, regionId), context),
    );
    return commandAccepted(reply, outcome, `/regions/${regionId}`);
  }

  @Access('query')
  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: RegionDto })
  async get(@Param('id', new EntityIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<RegionDto> {
    return readEntity(this.regions, id, reply, (state, version) => (state.status === 'registered' ? RegionDto.of(state, version) : undefined));
  }
}
