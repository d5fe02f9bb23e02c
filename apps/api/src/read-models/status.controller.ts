import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { readRegionStatus, TIMELINE_PROJECTION, todayDateKey, type RegionStatus } from '@app/projections';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { cutOf, CutQueryDto, describeCut, minPositionOf } from './cut-query.dto';
import { CLOCK, type Clock } from './clock';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { Access } from '../auth/access.decorator';

export const STATUS_PROJECTION_NAME = 'status';

/** Where we stand with a region: from the status projection, or, at a cut, replayed from the timeline's history rows. */
@ApiTags('status')
@Access('query')
@Controller('regions')
export class StatusController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/status')
  @ApiRead()
  @ApiOkResponse({
    description:
      'Cooperation status of the region (its cooperations are those whose partner lies in it): stage and since when, first contact, last interaction, meetings by level, delegation visits each way, fairs with editions, cross-memberships, open opportunities, organisations and people involved, momentum (interactions in the trailing 12 months)',
  })
  async status(@Param('id', new EntityIdPipe()) id: string, @Query() query: CutQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<RegionStatus & { asOf?: string; knownAt?: string }> {
    const cut = cutOf(query);
    const hasCut = cut.asOf !== undefined || cut.knownAtMs !== undefined;
    // A cut is replayed from the timeline's history rows; the current status comes from the status projection.
    await this.readYourWrites.reach(minPositionOf(query, minPosition), hasCut ? [TIMELINE_PROJECTION] : [STATUS_PROJECTION_NAME]);
    const dayKey = cut.asOf ?? todayDateKey(this.clock.now());
    const status = await readRegionStatus(this.runtime.reader.db, id, { ...(hasCut ? { cut } : {}), dayKey });
    if (!status) throw new Problem(404, 'REGION_NOT_FOUND', `no region ${id} is known to the read model`, 'id');
    return { ...describeCut(query), ...status };
  }
}
