import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, type CooperationCommand, type CooperationEvent } from '@app/domain';
import { commandAccepted, CommandAcceptedDto } from '../commands/command-accepted.dto';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { newId } from '../commands/new-id';
import { readEntity } from '../commands/read-entity';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { CooperationAtCut } from '../read-models/cooperation-at-cut';
import { cutOf, CutQueryDto, describeCut, minPositionOf } from '../read-models/cut-query.dto';
import { EntityIdPipe } from '../shared-dto/entity-id';
import {
  changeStage,
  correctFact,
  establishContact,
  identifyOpportunity,
  linkMemberships,
  openCooperation,
  recordDelegationVisit,
  recordFairAttendance,
  recordMeeting,
  retractEntry,
} from './cooperation-commands';
import { ExecuteCooperationCommand } from './cooperation-command.handler';
import { CooperationRepository } from './cooperation.repository';
import { ChangeStageDto } from './dto/change-stage.dto';
import { CooperationDto } from './dto/cooperation.dto';
import { CorrectFactDto } from './dto/correct-fact.dto';
import { EstablishContactDto } from './dto/establish-contact.dto';
import { IdentifyOpportunityDto } from './dto/identify-opportunity.dto';
import { LinkMembershipsDto } from './dto/link-memberships.dto';
import { OpenCooperationDto } from './dto/open-cooperation.dto';
import { RecordDelegationVisitDto } from './dto/record-delegation-visit.dto';
import { RecordFairAttendanceDto } from './dto/record-fair-attendance.dto';
import { RecordMeetingDto } from './dto/record-meeting.dto';
import { RetractEntryDto } from './dto/retract-entry.dto';
import { Access } from '../auth/access.decorator';


@ApiTags('cooperations')
@Controller('cooperations')
export class CooperationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly cooperations: CooperationRepository,
    private readonly atCut: CooperationAtCut,
  ) {}

  /** Opens a cooperation between one of our organisations and a partner region or organisation. */
  @Access('command')
  @Post()
  @HttpCode(201)
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async open(@Body() body: OpenCooperationDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    const cooperationId = body.id ?? newId('cooperation', context);
    const outcome = await this.execute(cooperationId, openCooperation(body, cooperationId), context);
    return commandAccepted(reply, outcome, `/cooperations/${cooperationId}`);
  }

  /** First contact: at a fair, during a state visit. */
  @Access('command')
  @Post(':id/contacts')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async establishContact(@Param('id', new EntityIdPipe()) id: string, @Body() body: EstablishContactDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, establishContact(body, id, context), context));
  }

  /** A meeting: place, date, participants with their roles and level, topics, outcome. */
  @Access('command')
  @Post(':id/meetings')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async recordMeeting(@Param('id', new EntityIdPipe()) id: string, @Body() body: RecordMeetingDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, recordMeeting(body, id, context), context));
  }

  /** An edition of a fair attended, with our role there. */
  @Access('command')
  @Post(':id/fair-attendances')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async recordFairAttendance(@Param('id', new EntityIdPipe()) id: string, @Body() body: RecordFairAttendanceDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, recordFairAttendance(body, id, context), context));
  }

  /** Two organisations became members of each other. */
  @Access('command')
  @Post(':id/cross-memberships')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async linkMemberships(@Param('id', new EntityIdPipe()) id: string, @Body() body: LinkMembershipsDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, linkMemberships(body, id, context), context));
  }

  /** A delegation travelled to the partner (outbound) or came to us (inbound). */
  @Access('command')
  @Post(':id/delegation-visits')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async recordDelegationVisit(@Param('id', new EntityIdPipe()) id: string, @Body() body: RecordDelegationVisitDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, recordDelegationVisit(body, id, context), context));
  }

  /** A business opportunity identified within the cooperation. */
  @Access('command')
  @Post(':id/opportunities')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async identifyOpportunity(@Param('id', new EntityIdPipe()) id: string, @Body() body: IdentifyOpportunityDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, identifyOpportunity(body, id, context), context));
  }

  /** Moves the cooperation to another stage, as the allowed transitions permit. */
  @Access('command')
  @Post(':id/stage-changes')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async changeStage(@Param('id', new EntityIdPipe()) id: string, @Body() body: ChangeStageDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, changeStage(body, id), context));
  }

  /** Corrects fields of a recorded entry; the original stays in history. */
  @Access('command')
  @Post(':id/corrections')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async correctFact(@Param('id', new EntityIdPipe()) id: string, @Body() body: CorrectFactDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, correctFact(body, id), context));
  }

  /** Withdraws a recorded entry that was not true at all; it stays in history, marked as retracted. */
  @Access('command')
  @Post(':id/retractions')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async retractEntry(@Param('id', new EntityIdPipe()) id: string, @Body() body: RetractEntryDto, @CommandContextOf() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, retractEntry(body, id), context));
  }

  /** Now: rebuilt from its stream. At a cut (`asOf`, `knownAt`): its stage, status and entries then, from the projections. */
  @Access('query')
  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: CooperationDto, description: 'Without asOf/knownAt: the cooperation from its stream. With them: { id, stage, stageSince, ..., entries } as at the cut.' })
  async get(
    @Param('id', new EntityIdPipe()) id: string,
    @Query() query: CutQueryDto,
    @Headers('x-min-position') minPosition: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CooperationDto | Record<string, unknown>> {
    const cut = cutOf(query);
    if (cut.asOf !== undefined || cut.knownAtMs !== undefined) {
      const view = await this.atCut.read(id, cut, minPositionOf(query, minPosition));
      if (!view) throw new DomainError('COOPERATION_NOT_FOUND', `cooperation ${id} does not exist at that cut`, 'id');
      return { ...describeCut(query), ...view };
    }
    return readEntity(this.cooperations, id, reply, (state, version) => (state.status === 'opened' ? CooperationDto.of(state, version) : undefined));
  }


  private execute(id: string, command: CooperationCommand, context: CommandContext): Promise<CommandOutcome<CooperationEvent>> {
    return this.commandBus.execute(new ExecuteCooperationCommand(id, command, context));
  }
}
