import { Option, type Command } from 'commander';
import { ProgressLine, formatCount } from '@app/terminal';
import { openSession, terminalWidth, type CliIo } from '../cli-session';
import { historicalDate, pageSize, MAX_PAGE_SIZE } from '../option-values';
import { addCutOptions, addFilterOptions, addScopeOptions } from './cut-options';
import { cutPhrase } from './status.format';
import { readWholeTimeline, type TimelinePage } from './timeline-pages';
import { describeScope, scopeOfOptions, timelinePath, timelineQuery, type TimelineFilterOptions, type TimelineOwner } from './timeline-request';
import { formatTimelineTable } from './timeline.format';

interface TimelineOptions extends TimelineFilterOptions, Partial<Record<TimelineOwner, string>> {
  limit?: number;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

export function registerTimelineCommand(program: Command, io: CliIo): void {
  const command = program
    .command('timeline')
    .description('A timeline as a table: every entry with its date as recorded (2010, 2017-03, 2017-10-12), type, state, entry id and summary');
  addScopeOptions(command);
  addFilterOptions(command, historicalDate);
  addCutOptions(command)
    .addOption(new Option('--limit <n>', `entries per page, 1 to ${MAX_PAGE_SIZE} (default 50; with --all ${MAX_PAGE_SIZE})`).argParser(pageSize))
    .option('--cursor <cursor>', "the page after the one whose nextCursor this is")
    .option('--all', 'every page, following the cursor')
    .option('--json', 'the page as the API answers it (with --all: one page holding every item)')
    .addHelpText(
      'after',
      `
Without --region, --organisation, --person or --cooperation: the global timeline. Ordered by date honouring its
precision (a fact known only as "2010" sorts before that year's dated facts), then by recording order.

Examples:
  kontakt timeline --region tatarstan
  kontakt timeline --region tatarstan --as-of 2017-06-30
  kontakt timeline --types MeetingHeld,DelegationVisited --from 2017 --level minister,head-of-state
  kontakt timeline --cooperation logistics-network--tatarstan --all --json
`,
    )
    .action(async (options: TimelineOptions, self: Command) => {
      const { client } = openSession(self, io);
      const scope = scopeOfOptions(options);
      const path = timelinePath(scope);
      const query = { ...timelineQuery(options), limit: options.limit ?? (options.all ? MAX_PAGE_SIZE : undefined), cursor: options.cursor };
      let page: TimelinePage;
      if (options.all) {
        const progress = new ProgressLine(io.err, { quietMs: 1_000 });
        page = await readWholeTimeline(client, path, query, (items, pages) => progress.update(`timeline ${describeScope(scope)}: ${formatCount(items)} entries, ${formatCount(pages)} pages`));
        progress.finish(`timeline ${describeScope(scope)}: ${formatCount(page.items.length)} entries`);
      } else {
        page = (await client.get<TimelinePage>(path, { query })).body;
      }
      if (options.json) {
        io.out.write(`${JSON.stringify(page, null, 2)}\n`);
        return;
      }
      if (page.items.length === 0) io.out.write(`No entries on timeline ${describeScope(scope)}${cutPhrase(page)} with these filters.\n`);
      else io.out.write(formatTimelineTable(page.items, page.names, terminalWidth(io)));
      if (page.nextCursor) io.err.line(`More entries follow: --all for every page, or --cursor ${page.nextCursor} for the next.`);
    });
}
