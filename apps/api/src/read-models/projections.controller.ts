import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KONTAKT_PROJECTIONS, projectionNamed, type ProjectionStatus } from '@app/projections';
import { readCheckpoint } from '@app/read-model';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { ProjectionsRuntime } from './projections-runtime';
import { Access } from '../auth/access.decorator';

/** Operators: where each projection stands, and rebuilds. */
@ApiTags('projections')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly runtime: ProjectionsRuntime) {}

  @Access('query')
  @Get()
  @ApiRead()
  @ApiOkResponse({ description: 'Per projection: state, checkpoint position, events applied, lag in events and seconds, last error, rebuild progress' })
  async list(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.statuses() };
  }

  @Access('query')
  @Get(':name')
  @ApiRead()
  async get(@Param('name') name: string): Promise<ProjectionStatus> {
    this.definition(name);
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
        };
      }),
    );
  }
}
