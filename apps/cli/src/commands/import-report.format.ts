import { formatCount } from '@app/terminal';

/** POST /imports?dryRun=true answers 200 with this. */
export interface DryRunAnswer {
  dryRun: true;
  rows: number;
  wouldImport: number;
  alreadyImported: number;
}

/** POST /imports?dryRun=false answers 201 with this. */
export interface ImportAnswer {
  dryRun: false;
  rows: number;
  imported: number;
  alreadyImported: number;
  /** Null when every row was imported before (nothing appended). */
  lastPosition: string | null;
}

/** One bad row of a refused import (422 IMPORT_REJECTED). */
export interface ImportRowError {
  line: number;
  fact?: string;
  field?: string;
  code: string;
  message: string;
}

export function formatImportAnswer(file: string, answer: DryRunAnswer | ImportAnswer): string {
  if (answer.dryRun) {
    return `Dry run of ${file}: ${rows(answer.rows)} valid; ${formatCount(answer.wouldImport)} would be imported, ${formatCount(answer.alreadyImported)} already imported. Nothing was recorded.\n`;
  }
  const position = answer.lastPosition === null ? '' : `; last position ${answer.lastPosition}`;
  return `Imported ${file}: ${rows(answer.rows)}; ${formatCount(answer.imported)} imported, ${formatCount(answer.alreadyImported)} already imported${position}.\n`;
}

/** `facts.csv:3: occurredOn: occurredOn must be ...`, one line per bad row, as compilers report, so editors can jump there. */
export function formatImportErrors(file: string, errors: readonly ImportRowError[]): string {
  return errors.map((error) => `${file}:${error.line}: ${error.field ? `${error.field}: ` : ''}${error.message}\n`).join('');
}

function rows(count: number): string {
  return `${formatCount(count)} row${count === 1 ? '' : 's'}`;
}
