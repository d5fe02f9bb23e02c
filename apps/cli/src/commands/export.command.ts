import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { ProgressLine } from '@app/terminal';
import { openSession, type CliIo } from '../cli-session';
import { historicalDate } from '../option-values';
import { addCutOptions, addFilterOptions } from './cut-options';
import { ExportCounter } from './export-counter';
import { describeScope, parseScope, timelinePath, timelineQuery, type TimelineFilterOptions } from './timeline-request';

interface ExportOptions extends TimelineFilterOptions {
  format: 'csv' | 'ndjson';
  out?: string;
}

export function registerExportCommand(program: Command, io: CliIo): void {
  const command = program
    .command('export')
    .description('Stream a whole timeline as CSV or NDJSON (GET …/timeline?format=), filters applied, to stdout or a file')
    .argument('<timeline>', 'all, region:<id>, organisation:<id>, person:<id> or cooperation:<id>')
    .addOption(new Option('--format <format>', 'csv (one row per entry, RFC 4180) or ndjson (one JSON entry per line)').choices(['csv', 'ndjson']).makeOptionMandatory())
    .option('--out <file>', 'write to this file (it appears only once complete) instead of stdout, with progress on stderr');
  addFilterOptions(command, historicalDate);
  addCutOptions(command).addHelpText(
    'after',
    `
Examples:
  kontakt export region:tatarstan --format csv --out tatarstan.csv
  kontakt export all --format ndjson --types MeetingHeld | jq .data.participants
`,
  );
  command.action(async (scopeText: string, options: ExportOptions, self: Command) => {
    const scope = parseScope(scopeText, 'timeline');
    const { client } = openSession(self, io);
    const { chunks } = await client.stream(timelinePath(scope), { query: { ...timelineQuery(options), format: options.format } });
    if (options.out === undefined) {
      try {
        await pipeline(chunks, io.out, { end: false });
      } catch (error) {
        // The reader stopped reading (`| head`): what it wanted it has.
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      }
      return;
    }
    // Written beside the target and renamed when complete: a file of that name is never half an export.
    const partial = `${options.out}.partial`;
    const counter = new ExportCounter(options.format);
    const progress = new ProgressLine(io.err);
    const shown = () => `export ${describeScope(scope)}: ${counter.describe()}`;
    const file = createWriteStream(partial);
    try {
      await once(file, 'open');
    } catch (error) {
      throw new Error(`--out: cannot write ${options.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    try {
      await pipeline(
        chunks,
        async function* (source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            counter.add(chunk);
            progress.update(shown());
            yield chunk;
          }
        },
        file,
      );
      await rename(partial, options.out);
    } catch (error) {
      progress.finish(`${shown()} (incomplete: nothing written to ${options.out})`);
      await rm(partial, { force: true });
      throw error;
    }
    progress.finish(`${shown()} written to ${options.out}`);
  });
}
