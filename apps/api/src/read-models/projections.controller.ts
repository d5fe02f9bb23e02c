import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KONTAKT_PROJECTIONS, ProjectionOwnedElsewhereError, projectionNamed, type ProjectionStatus } from '@app/projections';
import { readCheckpoint, readLeases } from '@app/read-model';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { MinPositionQueryDto, minPositionOf } from './cut-query.dto';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { Access } from '../auth/access.decorator';

/** Operators: where each projection stands, and rebuilds. */
@ApiTags('projections')
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Access('query')
  @Get()
  @ApiRead()
  @ApiOkResponse({ description: 'Per projection: state, checkpoint position, events applied, lag in events and seconds, last error, rebuild progress, the lease (which process runs it), subscription restarts' })
  async list(@Query() query: MinPositionQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<{ projections: ProjectionStatus[] }> {
    // With a position: once every projection has applied it, so a caller can wait for "caught up with my writes".
    await this.readYourWrites.reach(minPositionOf(query, minPosition), KONTAKT_PROJECTIONS.map((definition) => definition.name));
    return { projections: await this.statuses() };
  }

  @Access('query')
  @Get(':name')
  @ApiRead()
  async get(@Param('name') name: string, @Query() query: MinPositionQueryDto, @Headers('x-min-position') minPosition: string | undefined): Promise<ProjectionStatus> {
    this.definition(name);
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [name]);
    return (await this.statuses()).find((status) => status.name === name)!;
  }

  /** Rebuilds from `$all` into shadow tables and swaps them in when caught up; queries keep answering meanwhile. */
  @Access('admin')
  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiRead()
  @ApiAcceptedResponse({ description: 'The rebuild started (or was already running); follow it with GET /projections/:name' })
  async rebuild(@Param('name') name: string): Promise<ProjectionStatus> {
    this.definition(name);
    const engine = this.runtime.engine;
    if (!engine) {
      throw new Problem(409, 'PROJECTIONS_RUN_ELSEWHERE', 'this API does not run the projections (PROJECTIONS=off): stop the projection worker, run `npm run projections -- rebuild <name>`, then start the worker again');
    }
    try {
      // Here, before answering: only the process holding the projection's lease may rebuild it.
      await engine.claim(name);
    } catch (error) {
      if (error instanceof ProjectionOwnedElsewhereError) throw new Problem(409, error.code, error.message, 'name');
      throw error;
    }
    engine.rebuild(name).catch(() => undefined);
    return (await this.statuses()).find((status) => status.name === name)!;
  }

  private definition(name: string) {
    const definition = projectionNamed(name);
    if (!definition) throw new Problem(404, 'PROJECTION_NOT_FOUND', `no projection ${name}; known: ${KONTAKT_PROJECTIONS.map((known) => known.name).join(', ')}`, 'name');
    return definition;
  }

  private async statuses(): Promise<ProjectionStatus[]> {
    if (this.runtime.engine) return this.runtime.engine.status();
    // Projections run in another process: what the store says.
    const leases = await readLeases(this.runtime.reader);
    return Promise.all(
      KONTAKT_PROJECTIONS.map(async (definition): Promise<ProjectionStatus> => {
        const checkpoint = await readCheckpoint(this.runtime.reader.db, definition.name);
        return {
          name: definition.name,
          schemaVersion: definition.schemaVersion,
          generation: checkpoint?.generation ?? 0,
          state: 'stopped',
          checkpoint: checkpoint ? { commit: checkpoint.position.commit.toString(), prepare: checkpoint.position.prepare.toString() } : null,
          eventsApplied: checkpoint?.eventsApplied ?? 0,
          updatedAt: checkpoint?.updatedAt ?? null,
          lag: { events: 0, eventsCapped: false, seconds: 0 },
          lastError: checkpoint?.lastError ?? null,
          rebuild: null,
          lease: leases.find((lease) => lease.projection === definition.name) ?? null,
          subscriptionRestarts: 0,
        };
      }),
    );
  }
}
