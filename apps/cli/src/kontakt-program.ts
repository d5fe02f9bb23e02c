import { Command } from 'commander';
import { DEFAULT_API_URL } from './cli-config';
import { commandPathOf, type CliIo } from './cli-session';
import { registerAuditCommand } from './commands/audit.command';
import { registerExportCommand } from './commands/export.command';
import { registerImportCommand } from './commands/import.command';
import { registerProjectionsCommand } from './commands/projections.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerRecordCommand } from './commands/record.command';
import { registerRegionsCommand } from './commands/regions.command';
import { registerReplayCommand } from './commands/replay.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerStatusCommand } from './commands/status.command';
import { registerTimelineCommand } from './commands/timeline.command';

const OVERVIEW = `
Configuration (options before or after the command):
  --url      else KONTAKT_URL, else ${DEFAULT_API_URL}
  --token    else KONTAKT_TOKEN, else the admin token the API wrote on its first start to
             <DATA_DIR or ./data>/admin-token, read when that file is there (so npm start and npx kontakt in one
             checkout work together)

Results go to stdout (tables, or JSON with --json), progress and errors to stderr.
Exit codes: 0 done; 1 failed, or refused by the API (its problem is printed: status, code, field, message), or the
API did not answer; 2 bad usage (the argument at fault is named; nothing was sent).

Examples:
  npx kontakt seed                                   # the Leipzig-Halle ↔ Tatarstan story, from a source each
  npx kontakt timeline --region tatarstan
  npx kontakt status tatarstan --as-of 2017-06-30
  npx kontakt replay --as-of 2017-06-30 tatarstan
  npx kontakt record meeting logistics-network--tatarstan --date 2018-04 --place "Kazan|kazan" \\
      --participant "Minister of Transport of Tatarstan||minister|tatarstan-transport-ministry" --topic "rail freight"
  npx kontakt export region:tatarstan --format csv --out tatarstan.csv
  npx kontakt rebuild all
  npx kontakt audit verify
  KONTAKT_URL=https://kontakt.example.org KONTAKT_TOKEN=kt_… npx kontakt projections
`;

/**
 * The `kontakt` command line: every command registered on one commander program that throws instead of exiting
 * (main decides the exit code) and writes through `io`.
 */
export function kontaktProgram(io: CliIo): Command {
  const program = new Command('kontakt')
    .description('A client of a running Kontakt API: record facts, read timelines and status, replay history as of a day, rebuild projections, verify the audit trail, export and import.')
    .option('--url <url>', `the Kontakt API (default: KONTAKT_URL, else ${DEFAULT_API_URL})`)
    .option('--token <token>', 'bearer token (default: KONTAKT_TOKEN, else <DATA_DIR or ./data>/admin-token if present)')
    .option('--correlation-id <id>', 'sent as X-Correlation-Id, to find these requests together in the audit trail')
    .addHelpText('after', OVERVIEW)
    .showHelpAfterError(usageHint('kontakt'))
    .configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.line(text.trimEnd()) })
    .exitOverride()
    .hook('preAction', (_program, action) => {
      io.commandPath = commandPathOf(action);
    });
  registerSeedCommand(program, io);
  registerRecordCommand(program, io);
  registerTimelineCommand(program, io);
  registerStatusCommand(program, io);
  registerReplayCommand(program, io);
  registerRebuildCommand(program, io);
  registerProjectionsCommand(program, io);
  registerRegionsCommand(program, io);
  registerAuditCommand(program, io);
  registerExportCommand(program, io);
  registerImportCommand(program, io);
  // Subcommands inherit how to report errors and exit, not only the root.
  for (const command of allCommands(program)) {
    command
      .exitOverride()
      .showHelpAfterError(usageHint(commandPathOf(command)))
      .configureHelp({ showGlobalOptions: true })
      .configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.line(text.trimEnd()) });
  }
  return program;
}

/** `(see kontakt record meeting --help)`, after a usage error. */
export function usageHint(commandPath: string): string {
  return `(see ${commandPath} --help)`;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
