import { Option, type Command } from 'commander';
import { formatVerification, type VerificationResult } from '@app/audit';
import { EXIT_FAILURE } from '../cli-errors';
import { openSession, type CliIo } from '../cli-session';

export function registerAuditCommand(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('The audit trail: verify the hash chains (auditor or admin)');
  audit
    .command('verify')
    .description('Recompute both hash chains over the whole log in the API (GET /audit/verify) and report the first broken link')
    .addOption(new Option('--from <token>', 'verify only what was appended after this signed checkpoint').conflicts('checkpoint'))
    .option('--checkpoint <token>', 'verify everything, and that the log still agrees with this published checkpoint')
    .option('--json', 'the report as the API answers it')
    .addHelpText(
      'after',
      `
Exit codes: 0 intact, 1 broken (or refused), 2 bad usage. An intact verification ends with a signed checkpoint line
to publish outside the system; pass it back with --checkpoint later. The same as npm run audit:verify, but through
a running API, so the API need not be stopped.

Examples:
  kontakt audit verify
  kontakt audit verify --checkpoint kontakt-audit:v1:19523:19523:26:50f0…:bb3f…
`,
    )
    .action(async (options: { from?: string; checkpoint?: string; json?: boolean }, self: Command) => {
      const { client } = openSession(self, io);
      const result = (await client.get<VerificationResult>('/audit/verify', { query: { from: options.from, checkpoint: options.checkpoint } })).body;
      io.out.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerification(result));
      if (!result.report.intact) io.exitCode = EXIT_FAILURE;
    });
}
