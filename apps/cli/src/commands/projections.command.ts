import type { Command } from 'commander';
import type { ProjectionStatus } from '@app/projections';
import { openSession, type CliIo } from '../cli-session';
import { formatProjectionsTable } from './projections.format';

export function registerProjectionsCommand(program: Command, io: CliIo): void {
  program
    .command('projections')
    .description('Where each projection of the API stands: state (live, catching-up, rebuilding, failed), checkpoint, lag, last error (GET /projections)')
    .option('--json', 'as the API answers it')
    .addHelpText('after', '\nExample:\n  kontakt projections\n')
    .action(async (options: { json?: boolean }, self: Command) => {
      const { client } = openSession(self, io);
      const body = (await client.get<{ projections: ProjectionStatus[] }>('/projections')).body;
      io.out.write(options.json ? `${JSON.stringify(body, null, 2)}\n` : formatProjectionsTable(body.projections));
    });
}
