/** Exit codes of every kontakt command. */
export const EXIT_OK = 0;
/** The work failed, or the API refused it (its problem is printed), or the API did not answer. */
export const EXIT_FAILURE = 1;
/** The command line was wrong: nothing was sent. */
export const EXIT_USAGE = 2;

/** The command line was wrong; the message names the argument at fault. Nothing has been sent to the API. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** `kontakt record meeting`: where `--help` explains it; set by the command that was running. */
  commandPath?: string;
}

/** The work failed in a way the command has already explained on stderr: exit 1 without another message. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
}
