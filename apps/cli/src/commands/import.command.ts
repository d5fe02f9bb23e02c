import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { ApiProblemError } from '@app/api-client';
import { ReportedFailure, UsageError } from '../cli-errors';
import { openSession, type CliIo } from '../cli-session';
import { formatImportAnswer, formatImportErrors, type DryRunAnswer, type ImportAnswer, type ImportRowError } from './import-report.format';

const CONTENT_TYPES = { csv: 'text/csv', ndjson: 'application/x-ndjson', json: 'application/json' } as const;
type ImportFormat = keyof typeof CONTENT_TYPES;
const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = { '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.json': 'json' };

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('Import history from a CSV or NDJSON file, one fact per row (POST /imports): all rows or, if any is bad, none')
    .argument('<file>', 'a .csv, .ndjson (.jsonl) or .json (an array of rows) file')
    .option('--dry-run', 'check every row and say what would be imported, recording nothing')
    .addOption(new Option('--format <format>', 'the file’s format, when its extension does not say').choices(Object.keys(CONTENT_TYPES)))
    .addHelpText(
      'after',
      `
One fact per row: a column fact (RegionRegistered, MeetingHeld...) and the fields of that fact's POST body (CSV:
dotted columns for nested fields, place.name). Every bad row is reported as file:line: field: message, and then
nothing is imported. Rows are keyed by their content: importing the same file again appends nothing.

Examples:
  printf 'fact,id,name,kind,parentRegionId\\nRegionRegistered,bavaria,Bavaria,state,germany\\n' > regions.csv
  kontakt import regions.csv --dry-run
  kontakt import regions.csv
  kontakt import history.ndjson
`,
    )
    .action(async (file: string, options: { dryRun?: boolean; format?: ImportFormat }, self: Command) => {
      const format = options.format ?? FORMAT_BY_EXTENSION[extname(file).toLowerCase()];
      if (format === undefined) throw new UsageError(`file: cannot tell the format of ${file} from its extension; give --format csv, ndjson or json`);
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      const { client } = openSession(self, io);
      try {
        const answer = await client.request<DryRunAnswer | ImportAnswer>('POST', '/imports', { rawBody: content, contentType: CONTENT_TYPES[format], query: { dryRun: options.dryRun === true } });
        io.out.write(formatImportAnswer(file, answer.body));
      } catch (error) {
        const rows = error instanceof ApiProblemError && error.code === 'IMPORT_REJECTED' ? ((error.body as { errors?: ImportRowError[] }).errors ?? []) : [];
        if (rows.length === 0) throw error;
        io.err.line(formatImportErrors(file, rows).trimEnd());
        io.err.line(`error: ${rows.length === 1 ? '1 bad row' : `${rows.length} bad rows`} in ${file}; nothing was imported`);
        throw new ReportedFailure('import rejected');
      }
    });
}
