import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { projectionAnswering, readCooperationStatus, readRegionStatus, todayDateKey, type CooperationStatus, type ProjectionDb, type RegionStatus, type StatusQuery } from '@app/projections';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { cutOf, CutQueryDto, describeCut, minPositionOf } from './cut-query.dto';
import { CLOCK, type Clock } from './clock';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { Access } from '../auth/access.decorator';

export const STATUS_PROJECTION_NAME = 'status';

type CutEcho = { asOf?: string; knownAt?: string };

/**
 * Where we stand with a region, or in one cooperation: from the status projection, now or at a cut (`asOf` a day,
 * `knownAt` a moment, or both: summed from its rows of the entries inside the cut).
 */
@ApiTags('status')
@Access('query')
@Controller()
export class StatusController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('regions/:id/status')
  @ApiRead()
  @ApiOkResponse({
    description:
      'Cooperation status of the region (its cooperations are those whose partner lies in it): stage and since when, first contact, last interaction, meetings by level, delegation visits each way, fairs with editions, cross-memberships, open opportunities, organisations and people involved, momentum (interactions in the trailing 12 months)',
  })
  region(@Param('id', new EntityIdPipe()) id: string, @Query() query: CutQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<RegionStatus & CutEcho> {
    return this.answer(query, minPosition, (db, statusQuery) => readRegionStatus(db, id, statusQuery), () => new Problem(404, 'REGION_NOT_FOUND', `no region ${id} is known to the read model`, 'id'));
  }

  @Get('cooperations/:id/status')
  @ApiRead()
  @ApiOkResponse({
    description:
      'Status of one cooperation: its two sides, stage and since when, first contact, last interaction, meetings by level, delegation visits each way, fairs with editions, cross-memberships, open opportunities, organisations and people involved, momentum (interactions in the trailing 12 months)',
  })
  cooperation(@Param('id', new EntityIdPipe()) id: string, @Query() query: CutQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<CooperationStatus & CutEcho> {
    return this.answer(
      query,
      minPosition,
      (db, statusQuery) => readCooperationStatus(db, id, statusQuery),
      (hasCut) => new Problem(404, 'COOPERATION_NOT_FOUND', hasCut ? `no cooperation ${id} had been opened within the cut` : `no cooperation ${id} is known to the read model`, 'id'),
    );
  }

  /**
   * A status now or at the query's cut, with the cut echoed; `notFound` when there is none. It waits for the
   * projection it is read from (projectionAnswering: the status projection).
   */
  private async answer<T extends object>(
    query: CutQueryDto,
    minPosition: string | undefined,
    read: (db: ProjectionDb, statusQuery: StatusQuery) => Promise<T | undefined>,
    notFound: (hasCut: boolean) => Problem,
  ): Promise<T & CutEcho> {
    const cut = cutOf(query);
    const hasCut = cut.asOf !== undefined || cut.knownAtMs !== undefined;
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [projectionAnswering(cut)]);
    const dayKey = cut.asOf ?? todayDateKey(this.clock.now());
    const status = await read(this.runtime.reader.db, { ...(hasCut ? { cut } : {}), dayKey });
    if (!status) throw notFound(hasCut);
    return { ...describeCut(query), ...status };
  }
}
