import type { Command } from 'commander';
import type { ProjectionStatus } from '@app/projections';
import { formatRebuildSummary } from '@app/terminal';
import { UsageError } from '../cli-errors';
import { openSession, type CliIo } from '../cli-session';
import { rebuildAndWatch } from './rebuild-watch';

export function registerRebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild')
    .description('Rebuild a projection (or all, one after another) from the whole log, in the API, and follow it until it is live again (admin)')
    .argument('<projection>', 'timeline, status, graph, audit... (see kontakt projections), or all')
    .addHelpText(
      'after',
      `
The API rebuilds into shadow tables and swaps them in when caught up; queries keep answering from the old rows
meanwhile. Progress on stderr: timeline [#####-----] 52% 412,000 events 31,250 ev/s ETA 14s (redrawn on a terminal,
a line every 5 s elsewhere), a summary line per projection on stdout. Interrupting this command does not stop the
rebuild: it runs in the API (follow it with kontakt projections). An API started with PROJECTIONS=off refuses
(409): rebuild with npm run projections -- rebuild <name> beside it.

Examples:
  kontakt rebuild timeline
  kontakt rebuild all
`,
    )
    .action(async (name: string, _options: unknown, self: Command) => {
      const { client } = openSession(self, io);
      const known = (await client.get<{ projections: ProjectionStatus[] }>('/projections')).body.projections.map((projection) => projection.name);
      if (name !== 'all' && !known.includes(name)) throw new UsageError(`projection: unknown projection '${name}'; expected ${known.join(', ')} or all`);
      for (const projection of name === 'all' ? known : [name]) {
        const { status, seconds } = await rebuildAndWatch(client, projection, io.err);
        io.out.write(`${formatRebuildSummary(projection, status.eventsApplied, seconds)}\n`);
      }
    });
}
