import { Option, type Command } from 'commander';
import { commitPosition, day } from '../option-values';

/** --as-of, --known-at and --min-position, as every read takes them. */
export function addCutOptions(command: Command, asOf: 'optional' | 'required' = 'optional'): Command {
  const asOfOption = new Option('--as-of <day>', 'the world as it had happened by the end of this day, YYYY-MM-DD (a fact dated "2017" counts from 2017-01-01)').argParser(day);
  if (asOf === 'required') asOfOption.makeOptionMandatory();
  return command
    .addOption(asOfOption)
    .option('--known-at <moment>', 'the world as it had been recorded at this moment: an ISO timestamp (2017-11-01T00:00:00Z) or a day (its end, UTC); later corrections left out')
    .addOption(new Option('--min-position <commit>', "wait until the read models have applied this position (a record command's answer)").argParser(commitPosition));
}

/** --region, --organisation, --person, --cooperation: at most one, the timeline to read. */
export function addScopeOptions(command: Command): Command {
  const owners = ['region', 'organisation', 'person', 'cooperation'] as const;
  for (const owner of owners) {
    const description = owner === 'region' ? "a region's timeline, with every region within it" : `the timeline of a${owner === 'organisation' ? 'n' : ''} ${owner}`;
    command.addOption(new Option(`--${owner} <id>`, description).conflicts(owners.filter((other) => other !== owner)));
  }
  return command;
}

/** --types, --from, --to, --level, --order, --no-retracted. */
export function addFilterOptions(command: Command, parseDate: (text: string) => string): Command {
  return command
    .option('--types <types>', 'only these entry types, comma-separated: MeetingHeld,DelegationVisited,...')
    .addOption(new Option('--from <date>', 'entries dated from this date on: YYYY, YYYY-MM or YYYY-MM-DD').argParser(parseDate))
    .addOption(new Option('--to <date>', 'entries dated up to this date (2017 means through 31 December)').argParser(parseDate))
    .option('--level <levels>', 'only entries with a participant at one of these levels, comma-separated: minister,head-of-state')
    .addOption(new Option('--order <order>', 'oldest first (asc) or newest first (desc)').choices(['asc', 'desc']))
    .option('--no-retracted', 'leave out retracted entries (shown, marked, by default)');
}
