import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandOutcome } from '../commands/command-outcome';
import { Problem } from '../problems/problem';
import { toProblemDetails } from '../problems/to-problem-details';
import { ImportAggregates } from './import-aggregates';
import type { ImportPlan } from './import-planner';

export interface ImportOutcome {
  rows: number;
  imported: number;
  alreadyImported: number;
  /** The commit position of the last append, for `?minPosition=`; null when nothing was appended. */
  lastPosition: string | null;
}

/**
 * Appends a checked plan, row after row in file order, through the command bus: each row is one command of its
 * aggregate with the row's own Idempotency-Key, handled as its route's command is (references, decide, seal personal
 * data, chain, append). Not one transaction — the event store has none across streams — so a failure part-way leaves
 * the rows before it imported; the answer says which, and running the import again imports only the rest.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger('Import');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly aggregates: ImportAggregates,
  ) {}

  async run(plan: ImportPlan): Promise<ImportOutcome> {
    let imported = 0;
    let alreadyImported = 0;
    let lastPosition: string | null = null;
    for (const row of plan.planned) {
      if (row.alreadyImported) {
        alreadyImported += 1;
        continue;
      }
      let outcome: CommandOutcome<unknown>;
      try {
        outcome = await this.commandBus.execute(this.aggregates.of(row.fact.aggregate).busCommand(row.id, row.command, row.context));
      } catch (error) {
        throw this.incomplete(error, row.line, row.fact.name, { rows: plan.rows, imported, alreadyImported, lastPosition }, row.context.requestId);
      }
      // Another import of the same rows got there first (two runs at once): what it appended is what this row says.
      if (outcome.replayed) alreadyImported += 1;
      else {
        imported += 1;
        if (outcome.position !== undefined) lastPosition = outcome.position.commit;
      }
    }
    return { rows: plan.rows, imported, alreadyImported, lastPosition };
  }

  private incomplete(error: unknown, line: number, fact: string, sofar: ImportOutcome, requestId: string): Problem {
    const { problem, unexpected } = toProblemDetails(error, requestId);
    if (unexpected) this.logger.error(error instanceof Error ? error : String(error), error instanceof Error ? error.stack : undefined);
    const done = sofar.imported === 0 ? 'no row was imported' : `${sofar.imported} rows before it were imported`;
    // 409 whatever refused the row (a concurrent write, or a rule the store's newer state now breaks): part of the
    // file is in, the rest is not; 503 when the store could not be reached, and the failure's own 5xx otherwise.
    const status = problem.status === 503 || problem.status >= 500 ? problem.status : 409;
    return new Problem(
      status,
      'IMPORT_INCOMPLETE',
      `line ${line} (${fact}) could not be appended: ${problem.detail}; ${done}, nothing after it. Running the import again is safe: rows already imported are recognised by their content and skipped`,
      problem.field,
      undefined,
      {
        ...sofar,
        failedLine: line,
        errors: [{ line, fact, ...(problem.field === undefined ? {} : { field: problem.field }), code: problem.code, message: problem.detail }],
      },
    );
  }
}
