import type { Command } from 'commander';
import { seedSampleStory } from '@app/sample-story';
import { formatBar, ProgressLine } from '@app/terminal';
import { openSession, type CliIo } from '../cli-session';

export function registerSeedCommand(program: Command, io: CliIo): void {
  program
    .command('seed')
    .description('Record the sample history through the API: Leipzig-Halle ↔ Tatarstan, TransRussia since 2010 to the Kazan delegation of October 2017, each fact citing its source (editor)')
    .addHelpText(
      'after',
      `
Safe to repeat: each fact carries an idempotency key of its own, so a second run appends nothing.

Examples:
  npm start &                      # the API, with its admin token in data/admin-token
  npx kontakt seed
  npx kontakt status tatarstan
`,
    )
    .action(async (_options: unknown, self: Command) => {
      const { client } = openSession(self, io);
      const progress = new ProgressLine(io.err);
      let shown = '';
      try {
        const result = await seedSampleStory(client, {
          onProgress: (done, total, label) => progress.update((shown = `seed ${formatBar(done / total)} ${done}/${total} ${label}`)),
        });
        progress.finish(shown);
        io.out.write(
          `Sample story seeded: ${result.facts} facts, ${result.recorded} recorded now, ${result.alreadyPresent} already present; last position ${result.lastPosition}.\n` +
            'Look at it: kontakt status tatarstan, kontakt timeline --region tatarstan, kontakt replay --as-of 2017-06-30 tatarstan\n',
        );
      } catch (error) {
        progress.finish();
        throw error;
      }
    });
}
