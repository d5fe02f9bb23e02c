import { Option, type Command } from 'commander';
import { openSession, type CliIo } from '../cli-session';
import { commitPosition } from '../option-values';
import { listRegions } from './region-list';
import { formatRegionTable } from './regions.format';

export function registerRegionsCommand(program: Command, io: CliIo): void {
  program
    .command('regions')
    .description('Every region the read model knows, as a tree (GET /regions)')
    .addOption(new Option('--min-position <commit>', "wait until the read models have applied this position (a record command's answer)").argParser(commitPosition))
    .option('--json', 'the list as the API answers it')
    .addHelpText('after', '\nExample:\n  kontakt regions\n')
    .action(async (options: { minPosition?: string; json?: boolean }, self: Command) => {
      const { client } = openSession(self, io);
      const items = await listRegions(client, options.minPosition);
      io.out.write(options.json ? `${JSON.stringify({ items }, null, 2)}\n` : items.length === 0 ? 'No regions recorded yet.\n' : formatRegionTable(items));
    });
}
