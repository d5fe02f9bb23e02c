import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { readCooperationStatus, TIMELINE_PROJECTION, todayDateKey, type CooperationStatus } from '@app/projections';
import { Access } from '../auth/access.decorator';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { CLOCK, type Clock } from './clock';
import { cutOf, CutQueryDto, describeCut, minPositionOf } from './cut-query.dto';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { STATUS_PROJECTION_NAME } from './status.controller';

/**
 * Where we stand in one cooperation, summed up as a region's status is: from the status projection (its own tally,
 * a few key reads), or, at a cut, replayed from the timeline's history rows.
 */
@ApiTags('status')
@Access('query')
@Controller('cooperations')
export class CooperationStatusController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/status')
  @ApiRead()
  @ApiOkResponse({
    description:
      "Status of one cooperation: its two sides, stage and since when, first contact, last interaction, meetings by level, delegation visits each way, fairs with editions, cross-memberships, open opportunities, organisations and people involved, momentum (interactions in the trailing 12 months)",
  })
  async status(@Param('id', new EntityIdPipe()) id: string, @Query() query: CutQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<CooperationStatus & { asOf?: string; knownAt?: string }> {
    const cut = cutOf(query);
    const hasCut = cut.asOf !== undefined || cut.knownAtMs !== undefined;
    await this.readYourWrites.reach(minPositionOf(query, minPosition), hasCut ? [TIMELINE_PROJECTION] : [STATUS_PROJECTION_NAME]);
    const dayKey = cut.asOf ?? todayDateKey(this.clock.now());
    const status = await readCooperationStatus(this.runtime.reader.db, id, { ...(hasCut ? { cut } : {}), dayKey });
    if (!status) {
      throw new Problem(404, 'COOPERATION_NOT_FOUND', hasCut ? `no cooperation ${id} had been opened within the cut` : `no cooperation ${id} is known to the read model`, 'id');
    }
    return { ...describeCut(query), ...status };
  }
}
