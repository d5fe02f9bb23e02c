import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run audit:verify -- [options]

Recomputes the hash chains of every event in the event store ($all, in log order) and reports the first broken
link. When the chains are intact, prints a checkpoint signed with AUDIT_HMAC_KEY (or the key generated in
<DATA_DIR>/audit-hmac.key) to publish outside the system.

Options:
  --from <token>        verify only the events after this signed checkpoint
  --checkpoint <token>  verify everything, and that the log still agrees with this published checkpoint
  --json                the report as JSON on stdout
  -h, --help            this text

Reads EVENTSTORE_CONNECTION_STRING (else the embedded node on <DATA_DIR>/event-store; stop the API first),
DATA_DIR, AUDIT_HMAC_KEY and LOG_LEVEL. Exit codes: 0 intact, 1 broken chain or failure, 2 bad usage.
`;

/** The command line was wrong; the message names the argument at fault. */
export class UsageError extends Error {
  readonly code = 'INVALID_ARGUMENTS';
  override readonly name = 'UsageError';
}

export type AuditCommand = { kind: 'help' } | { kind: 'verify'; json: boolean; from?: string; checkpoint?: string };

export function parseAuditArguments(argv: readonly string[]): AuditCommand {
  let values: { json?: boolean; help?: boolean; from?: string; checkpoint?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, from: { type: 'string' }, checkpoint: { type: 'string' } },
    }));
  } catch (error) {
    // Not `instanceof Error`: under Jest, errors thrown by Node's own modules come from another realm.
    throw new UsageError(String((error as { message?: unknown }).message ?? error).split(/\.\s/)[0]);
  }
  if (values.help) return { kind: 'help' };
  if (values.from !== undefined && values.checkpoint !== undefined) throw new UsageError('give --from or --checkpoint, not both');
  return { kind: 'verify', json: values.json === true, ...(values.from === undefined ? {} : { from: values.from }), ...(values.checkpoint === undefined ? {} : { checkpoint: values.checkpoint }) };
}
