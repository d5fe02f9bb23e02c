import { Controller, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../auth/access.decorator';
import { ApiRequestHeaders, ProblemDto } from '../http/api-docs.decorators';
import { Problem, PROBLEM_CONTENT_TYPE } from '../problems/problem';
import { ImportDoneDto, ImportDryRunDto, ImportProblemDto } from './dto/import-report.dto';
import { ImportQueryDto } from './dto/import-query.dto';
import { ImportRowDto } from './dto/import-row.dto';
import { IMPORTS_ROUTE } from './import-body-parsers';
import { cellKindsOf } from './import-cell-kinds';
import { IMPORT_FACTS } from './import-facts';
import { rowsOfBody } from './import-file';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits';
import { ImportPlanner } from './import-planner';
import { importRejected, importTooLarge } from './import-problems';
import { ImportRunner } from './import-runner';

const CSV_EXAMPLE = 'fact,id,name,kind,parentRegionId\nRegionRegistered,russia,Russian Federation,country,\nRegionRegistered,tatarstan,Republic of Tatarstan,federal-subject,russia\n';
const NDJSON_EXAMPLE = '{"fact":"RegionRegistered","id":"russia","name":"Russian Federation","kind":"country"}\n{"fact":"RegionRegistered","id":"tatarstan","name":"Republic of Tatarstan","kind":"federal-subject","parentRegionId":"russia"}\n';

const problem = (status: number, description: string, schema: string = getSchemaPath(ProblemDto)) => ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: schema } } } });

@ApiTags('imports')
@ApiExtraModels(ProblemDto, ImportProblemDto, ImportRowDto)
@Controller()
export class ImportsController {
  private readonly cellKinds = cellKindsOf(IMPORT_FACTS);

  constructor(
    private readonly planner: ImportPlanner,
    private readonly runner: ImportRunner,
  ) {}

  /**
   * Imports a history from a file, one fact per row, validated as a whole first: if any row is bad, nothing is
   * appended and every bad row is reported. Rows are keyed by their content, so importing a file again appends nothing.
   */
  @Access('command')
  @Post(IMPORTS_ROUTE.slice(1))
  @ApiOperation({
    summary: 'Import facts from a CSV or NDJSON file (or a JSON array), all rows validated before any is appended',
    requestBody: {
      required: true,
      description:
        `One fact per row: \`fact\` (${[...IMPORT_FACTS.keys()].join(', ')}) and the fields of that fact's POST body; facts about an entity ` +
        `recorded before name it in cooperationId, personId or organisationId. CSV: a header row, dotted columns for nested fields (place.name), ` +
        `lists of text separated by ";" or as JSON, lists of objects (participants) as JSON. At most ${MAX_IMPORT_ROWS} rows and ${MAX_IMPORT_BYTES} bytes ` +
        '(a JSON array: MAX_BODY_BYTES). UTF-8.',
      content: {
        'text/csv': { schema: { type: 'string', example: CSV_EXAMPLE } },
        'application/x-ndjson': { schema: { type: 'string', example: NDJSON_EXAMPLE } },
        'application/json': { schema: { type: 'array', maxItems: MAX_IMPORT_ROWS, items: { $ref: getSchemaPath(ImportRowDto) } } },
      },
    },
  })
  @ApiRequestHeaders()
  @ApiResponse({ status: 200, type: ImportDryRunDto, description: 'Dry run: every row can be imported; nothing was appended' })
  @ApiResponse({ status: 201, type: ImportDoneDto, description: 'Imported: the rows appended, in file order' })
  @problem(400, 'A malformed request: unknown query parameter, Idempotency-Key or If-Match given, a body that is not a JSON array, not UTF-8')
  @problem(409, 'IMPORT_INCOMPLETE: a row could not be appended after the check (a concurrent write); the rows before it were imported. Run it again', getSchemaPath(ImportProblemDto))
  @problem(413, 'IMPORT_TOO_LARGE: more rows or bytes than one import takes')
  @problem(415, 'Not CSV, NDJSON or JSON, or not UTF-8')
  @problem(422, 'IMPORT_REJECTED: every bad row, with its line, fact, field and code; nothing was appended', getSchemaPath(ImportProblemDto))
  @problem(503, 'IMPORT_INCOMPLETE: the event store became unreachable part-way; run it again', getSchemaPath(ImportProblemDto))
  async import(@Req() request: FastifyRequest, @Query() query: ImportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportDryRunDto | ImportDoneDto> {
    // A row is keyed by its own content; a key or a version for the whole file would mean nothing to its rows.
    for (const header of ['idempotency-key', 'if-match']) {
      if (request.headers[header] !== undefined) {
        const name = header === 'if-match' ? 'If-Match' : 'Idempotency-Key';
        throw Problem.badRequest(`header ${name} is not taken by POST ${IMPORTS_ROUTE}: every row is keyed by its content, so running an import again is already safe`, name);
      }
    }
    const context = request.kontaktContext;
    if (context === undefined) throw new Error(`request ${request.id} reached the import without its request context`);
    const parsed = rowsOfBody(request.body, this.cellKinds);
    if (parsed.rowCount > MAX_IMPORT_ROWS) {
      throw importTooLarge(`the file holds ${parsed.rowCount} rows; one import takes at most ${MAX_IMPORT_ROWS}: split it into parts and import each (every part is idempotent on its own)`);
    }
    if (parsed.rowCount === 0) {
      throw importRejected([{ line: 1, code: 'NO_ROWS', message: 'the file holds no rows: a CSV file needs a header row and at least one row under it; NDJSON one JSON object per line' }], 0);
    }
    const plan = await this.planner.plan(parsed, { actor: context.actor, requestId: context.requestId, correlationId: context.correlationId, causationId: context.requestId });
    if (plan.errors.length > 0) throw importRejected(plan.errors, plan.rows);
    if (query.dryRun === 'true') {
      void reply.status(200);
      const alreadyImported = plan.planned.filter((row) => row.alreadyImported).length;
      return { dryRun: true, rows: plan.rows, wouldImport: plan.planned.length - alreadyImported, alreadyImported };
    }
    const outcome = await this.runner.run(plan);
    void reply.status(201);
    return { dryRun: false, ...outcome };
  }
}
