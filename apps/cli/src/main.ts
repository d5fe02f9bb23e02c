// `kontakt <command>`: the command line of a running Kontakt API (see kontakt --help).
import { StderrWriter } from '@app/terminal';
import { EXIT_OK } from './cli-errors';
import type { CliIo } from './cli-session';
import { runKontakt } from './run-kontakt';

/** Resolves once everything written to `stream` has been handed on, so exiting loses nothing of a piped result. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

// `kontakt timeline | head`: the reader went away, so there is nobody left to tell; end quietly as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
  throw error;
});

const io: CliIo = { out: process.stdout, err: new StderrWriter(), env: process.env, cwd: process.cwd(), exitCode: EXIT_OK };
void runKontakt(process.argv.slice(2), io).then(async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  // Exit explicitly: kept-alive HTTP connections must not hold a finished command for seconds.
  process.exit(code);
});
