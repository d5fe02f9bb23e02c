import { ApiProblemError, KontaktUnreachableError } from '@app/api-client';
import { CommanderError } from 'commander';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ReportedFailure, UsageError } from './cli-errors';
import type { CliIo } from './cli-session';
import { kontaktProgram, usageHint } from './kontakt-program';
import { formatProblem } from './problem-text';

/** Runs one command line to its exit code; every error is reported on `io.err` here. */
export async function runKontakt(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await kontaktProgram(io).parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** The one place errors become messages and exit codes. */
function reportFailure(error: unknown, io: CliIo): number {
  // Commander has printed its own message (or the help text asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof UsageError) {
    io.err.line(`error: ${error.message}\n${usageHint(io.commandPath ?? 'kontakt')}`);
    return EXIT_USAGE;
  }
  if (error instanceof ReportedFailure) return EXIT_FAILURE;
  if (error instanceof ApiProblemError) {
    io.err.line(formatProblem(error, io.config).trimEnd());
    return EXIT_FAILURE;
  }
  if (error instanceof KontaktUnreachableError) {
    io.err.line(`error: ${error.message} (set the address with --url or KONTAKT_URL)`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err.line(`error: ${message}`);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof ApiProblemError) io.err.line(formatProblem(cause).trimEnd());
  return EXIT_FAILURE;
}
