import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { FACT_FIELD, type ImportRow, type ParsedRows } from '@app/import';
import type { CommandContext } from '../commands/command-context';
import { EntityDirectory, type Reference } from '../commands/entity-directory';
import { Problem } from '../problems/problem';
import { createValidationPipe } from '../problems/validation-errors';
import { ENTITY_ID_PATTERN } from '../shared-dto/entity-id';
import { ImportAggregates } from './import-aggregates';
import { IMPORT_FACTS, type ImportedCommand, type ImportFact } from './import-facts';
import type { ImportRowError } from './import-problems';
import { importRowKey } from './import-row-key';
import { ImportWorld } from './import-world';

/** What every row's command shares: who imports, and the request that does it. */
export type ImportRequestContext = Pick<CommandContext, 'actor' | 'requestId' | 'correlationId' | 'causationId'>;

/** A good row, ready to go through the command bus. */
export interface PlannedRow {
  readonly line: number;
  readonly fact: ImportFact;
  /** The entity the command is for. */
  readonly id: string;
  readonly command: ImportedCommand;
  /** With the row's own Idempotency-Key and its reason. */
  readonly context: CommandContext;
  /** Imported before, or the same as an earlier row of this file: it appends nothing. */
  readonly alreadyImported: boolean;
}

export interface ImportPlan {
  /** Data rows in the file. */
  readonly rows: number;
  readonly planned: readonly PlannedRow[];
  /** Every bad row's errors, in file order; empty when every row can be imported. */
  readonly errors: readonly ImportRowError[];
}

const KNOWN_FACTS = [...IMPORT_FACTS.keys()].join(', ');

/** A row whose DTO is valid, with its command built and the entities it names, not yet decided. */
interface PreparedRow extends Omit<PlannedRow, 'alreadyImported'> {
  readonly references: readonly Reference[];
}

const refusedAt =
  (line: number, fact: ImportFact) =>
  (error: Omit<ImportRowError, 'line' | 'fact'>): ImportRowError => ({ line, fact: fact.name, ...error });

/**
 * Checks every row of a file before anything is appended, as its route would check it: the route's DTO validation
 * (the same pipe and messages), the entities it names, then the domain's decider on the state so far — the store's
 * state moved on by the rows before it (see ImportWorld). A bad row does not stop the check: every bad row is found.
 * Validation needs only the row; the store is read for everything the file touches at once, then the rows are decided in order.
 */
@Injectable()
export class ImportPlanner {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly aggregates: ImportAggregates,
    private readonly directory: EntityDirectory,
  ) {}

  async plan(parsed: ParsedRows, request: ImportRequestContext): Promise<ImportPlan> {
    const errors: ImportRowError[] = parsed.problems.map(({ line, fact, field, code, message }) => ({ line, ...(fact === undefined ? {} : { fact }), ...(field === undefined ? {} : { field }), code, message }));
    const prepared: PreparedRow[] = [];
    for (const row of parsed.rows) {
      const outcome = await this.prepare(row, request);
      if (Array.isArray(outcome)) errors.push(...outcome);
      else prepared.push(outcome);
    }
    const world = new ImportWorld(this.aggregates, this.directory);
    // Each read of the store costs milliseconds; made together before the rows are decided one after the other, they overlap.
    await world.warmUp(
      prepared.map(({ fact, id }) => ({ kind: fact.aggregate, id })),
      prepared.flatMap(({ references }) => references),
    );
    const planned: PlannedRow[] = [];
    for (const row of prepared) {
      const outcome = await this.decide(row, world);
      if (Array.isArray(outcome)) errors.push(...outcome);
      else planned.push(outcome);
    }
    errors.sort((a, b) => a.line - b.line);
    return { rows: parsed.rowCount, planned, errors };
  }

  /** What the route would check of the request alone (its DTO), and the command it would build; no reads. */
  private async prepare({ line, fields }: ImportRow, request: ImportRequestContext): Promise<PreparedRow | ImportRowError[]> {
    const { [FACT_FIELD]: named, ...rest } = fields;
    const given = typeof named === 'string' ? named.trim() : undefined;
    const fact = given === undefined ? undefined : IMPORT_FACTS.get(given);
    if (fact === undefined) {
      const message = given === undefined || given === '' ? `${FACT_FIELD} must name the fact the row records: one of ${KNOWN_FACTS}` : `'${given}' is not a fact an import records; one of ${KNOWN_FACTS}`;
      return [{ line, ...(given ? { fact: given } : {}), field: FACT_FIELD, code: 'UNKNOWN_FACT', message }];
    }
    const refused = refusedAt(line, fact);
    const { target, body } = this.split(fact, rest);
    if (fact.target !== undefined && target === undefined) {
      return [refused({ field: fact.target, code: 'INVALID_REQUEST', message: `${fact.target} must name the ${fact.aggregate} the fact is about: 1 to 64 characters of A-Z a-z 0-9 . _ ~ -, starting with a letter or digit` })];
    }
    let validated: object;
    try {
      validated = (await this.validation.transform(body, { type: 'body', metatype: fact.dto })) as object;
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      return (error.errors ?? [{ field: error.field ?? '(row)', message: error.message }]).map(({ field, message }) => refused({ field, code: error.code, message }));
    }
    const { key, fingerprint } = importRowKey(fact.route(target), body);
    const reason = (validated as { reason?: unknown }).reason;
    const context: CommandContext = { ...request, idempotency: { key, fingerprint }, ...(typeof reason === 'string' && reason.trim() !== '' ? { reason } : {}) };
    const id = fact.entityId(validated, target, context);
    const command = fact.command(validated, id, context);
    return { line, fact, id, command, context, references: this.aggregates.of(fact.aggregate).references(command) };
  }

  /** The row against the state so far, in the order the command path checks: references (AggregateCommandHandler), a retry (AggregateRepository), the rules. */
  private async decide(row: PreparedRow, world: ImportWorld): Promise<PlannedRow | ImportRowError[]> {
    const { line, fact, id, command, context, references } = row;
    const refused = refusedAt(line, fact);
    const referenceErrors = await world.referenceErrors(references);
    if (referenceErrors.length > 0) return referenceErrors.map(refused);
    const { key, fingerprint } = context.idempotency!;
    const entity = await world.entity(fact.aggregate, id);
    if (entity.answered.has(key)) {
      const prior = entity.answered.get(key);
      if (prior !== undefined && prior !== fingerprint) {
        return [refused({ code: 'IDEMPOTENCY_KEY_REUSED', message: `${fact.aggregate} ${id} recorded a different request under this row's key ${key}` })];
      }
      return { line, fact, id, command, context, alreadyImported: true };
    }
    let events;
    try {
      events = this.aggregates.of(fact.aggregate).decide(command, entity.state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return [refused({ ...(error.field === undefined ? {} : { field: this.columnOf(fact, error.field) }), code: error.code, message: error.message })];
    }
    world.record(fact.aggregate, id, events, key, fingerprint);
    return { line, fact, id, command, context, alreadyImported: false };
  }

  /** The row's body (what a POST to the route would carry), and the target column's id, when it is a valid one. */
  private split(fact: ImportFact, fields: Record<string, unknown>): { target?: string; body: Record<string, unknown> } {
    if (fact.target === undefined) return { body: fields };
    const { [fact.target]: target, ...body } = fields;
    return typeof target === 'string' && ENTITY_ID_PATTERN.test(target) ? { target, body } : { body };
  }

  // The domain names the entity's id by its own name (`regionId`); a row of a fact that records a new entity gives it as `id`.
  private columnOf(fact: ImportFact, field: string): string {
    return fact.target === undefined && field === `${fact.aggregate}Id` ? 'id' : field;
  }
}
